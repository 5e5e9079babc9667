import type { Database } from '@omnistream/event-store';
import type { Bus } from '../bus.js';
import type { KafkaConsumerErrorContext } from '../kafka/kafka-bus-options.js';
import { createInProcessBus } from '../in-process/create-in-process-bus.js';
import type { ProofBusConfig } from './proof-config.js';

/**
 * The bus a proof process runs on, picked by its config like the server's composition root does. The Kafka adapter
 * is imported only when asked for, so the in-process runs never load the Kafka client.
 */
export const openProofBus = async (
  config: ProofBusConfig,
  db: Database,
  onConsumerError: (error: Error, context: KafkaConsumerErrorContext) => void,
): Promise<Bus> => {
  switch (config.kind) {
    case 'in-process':
      // Short intervals: the proof waits on these processes, and a standby takes over within one interval.
      return createInProcessBus(db, { pollIntervalMs: 100, standbyIntervalMs: 250, redeliveryDelayMs: 100 });
    case 'kafka': {
      const { createKafkaBus } = await import('../kafka/kafka-bus.js');
      return createKafkaBus({
        brokers: config.brokers,
        clientId: config.clientId,
        retryDelayMs: 200,
        // A member killed by SIGKILL never leaves the group; its partitions move once this session runs out.
        sessionTimeoutMs: 6_000,
        onConsumerError,
      });
    }
  }
};
