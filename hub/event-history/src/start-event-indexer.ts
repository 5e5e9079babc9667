import type { Bus, RunningConsumer } from '@omnistream/messaging';
import type { Logger } from '@omnistream/observability';
import type { EventHistory } from './create-event-history.js';

export interface EventIndexerOptions {
  readonly bus: Bus;
  readonly history: EventHistory;
  /** The topics to index: every topic of the hub and every public event topic. */
  readonly topics: readonly string[];
  /** Consumer group; 'hub.event-history' by default. */
  readonly group?: string;
  readonly logger?: Logger;
}

/**
 * Indexes every message of `topics` from the beginning, one statement per batch. Indexing is idempotent, so the
 * bus redelivering a batch whose offsets were not committed (a crash, a failed insert) does no harm: no inbox.
 */
export const startEventIndexer = ({
  bus,
  history,
  topics,
  group = 'hub.event-history',
  logger,
}: EventIndexerOptions): Promise<RunningConsumer> =>
  bus.consume({
    group,
    topics,
    startFrom: 'earliest',
    handle: async (messages) => {
      const first = messages[0];
      if (first === undefined) return;
      const at = { group, topic: first.topic, partition: first.partition, from: first.offset };
      try {
        await history.index(messages);
      } catch (error) {
        logger?.error(
          { ...at, err: error, count: messages.length },
          'event history batch failed; redelivering',
        );
        throw error;
      }
      logger?.debug({ ...at, count: messages.length }, 'event history batch indexed');
    },
  });
