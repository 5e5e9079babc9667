import { Admin } from '@platformatic/kafka';
import type { Bus, RunningConsumer } from '../bus.js';
import { clientOptions, type KafkaBusOptions } from './kafka-bus-options.js';
import { startKafkaConsumer } from './kafka-consumer.js';
import { provisionTopics } from './kafka-provision.js';
import { createKafkaPublisher } from './kafka-publisher.js';

/**
 * The bus port over Apache Kafka (DESIGN.md "Messaging"): one idempotent producer shared by every publish, one
 * admin client for provisioning, and one group member per `consume`. Nothing connects before the first call.
 */
export const createKafkaBus = (options: KafkaBusOptions): Bus => {
  if (options.brokers.length === 0) throw new Error('createKafkaBus: at least one broker is required');
  const publisher = createKafkaPublisher(options);
  const admin = new Admin(clientOptions(options, 'admin'));
  const consumers = new Set<RunningConsumer>();
  let closed = false;
  const open = (): void => {
    if (closed) throw new Error('the Kafka bus is closed');
  };

  return {
    kind: 'kafka',
    provision: async (topics) => {
      open();
      await provisionTopics(admin, topics);
    },
    publish: async (messages) => {
      open();
      return publisher.publish(messages);
    },
    consume: async (consumeOptions) => {
      open();
      const running = await startKafkaConsumer(options, consumeOptions);
      consumers.add(running);
      return {
        group: running.group,
        lag: () => running.lag(),
        stop: async () => {
          consumers.delete(running);
          await running.stop();
        },
      };
    },
    close: async () => {
      if (closed) return;
      closed = true;
      const stopping = [...consumers].map((running) => running.stop());
      consumers.clear();
      const results = await Promise.allSettled([...stopping, publisher.close(), admin.close()]);
      const failure = results.find((result) => result.status === 'rejected');
      if (failure !== undefined) throw failure.reason;
    },
  };
};
