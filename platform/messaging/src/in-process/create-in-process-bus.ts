import { EventEmitter } from 'node:events';
import type { Database, Sql, Unlisten } from '@omnistream/event-store';
import type {
  Bus,
  ConsumeOptions,
  DeliveryReport,
  OutgoingMessage,
  RunningConsumer,
  TopicSpec,
} from '../bus.js';
import type { TransactionalPublisher } from '../transactional-publisher.js';
import {
  appendMessages,
  BUS_CHANNEL,
  createTopics,
  parsePublishedPayload,
  topicPartitions,
} from './bus-log.js';
import { startInProcessConsumer } from './in-process-consumer.js';
import { partitionChooser } from './partition-for-key.js';

export interface InProcessBusOptions {
  /** Partitions of a topic created on first use rather than provisioned. Defaults to 1. */
  readonly defaultPartitions?: number;
  readonly batchSize?: number;
  /** Fallback when no notification arrives. Defaults to 500 ms. */
  readonly pollIntervalMs?: number;
  /** How often members check their group lock and standbys look for a gone member. Defaults to 1000 ms. */
  readonly standbyIntervalMs?: number;
  /** First pause before a rejected batch is delivered again. Defaults to 100 ms. */
  readonly redeliveryDelayMs?: number;
}

export type InProcessBus = Bus & TransactionalPublisher;

/**
 * The embedded bus (DESIGN.md "Messaging"): a durable, partitioned log in the platform database with consumer
 * groups and committed offsets, filled by the outbox relay from the event feed. Readers wake through NOTIFY, sent
 * in the publishing transaction so it arrives after commit, from this process and (on PostgreSQL) from others.
 */
export const createInProcessBus = (db: Database, options: InProcessBusOptions = {}): InProcessBus => {
  const defaultPartitions = options.defaultPartitions ?? 1;
  // Partition counts never change once a topic exists (provision leaves existing topics alone): safe to cache.
  const known = new Map<string, number>();
  const published = new EventEmitter().setMaxListeners(0);
  let listening: Promise<Unlisten | undefined> | undefined;
  const consumers = new Set<RunningConsumer>();

  const ensureTopics = async (sql: Sql, topics: readonly string[]): Promise<ReadonlyMap<string, number>> => {
    const missing = [...new Set(topics)].filter((topic) => !known.has(topic));
    if (missing.length > 0) {
      await createTopics(
        sql,
        missing.map((name) => ({ name, partitions: defaultPartitions, replicationFactor: 1 })),
      );
      for (const [topic, partitions] of await topicPartitions(sql, missing)) known.set(topic, partitions);
    }
    return known;
  };

  const choosePartition = partitionChooser();

  const publishIn = async (tx: Sql, messages: readonly OutgoingMessage[]): Promise<DeliveryReport[]> => {
    if (messages.length === 0) return [];
    return appendMessages(
      tx,
      messages,
      await ensureTopics(
        tx,
        messages.map((m) => m.topic),
      ),
      choosePartition,
    );
  };

  return {
    kind: 'in-process',
    provision: async (topics: readonly TopicSpec[]) => {
      await db.transaction((tx) => createTopics(tx, topics));
      for (const [topic, partitions] of await topicPartitions(
        db,
        topics.map((t) => t.name),
      ))
        known.set(topic, partitions);
    },
    publish: (messages) => db.transaction((tx) => publishIn(tx, messages)),
    publishIn,
    consume: async (consumeOptions: ConsumeOptions) => {
      listening ??= db
        .listen(BUS_CHANNEL, (payload) => {
          const { topic, partition } = parsePublishedPayload(payload);
          published.emit('published', topic, partition);
        })
        .catch(() => undefined); // polling still finds every message
      await listening;
      const consumer = await startInProcessConsumer(db, consumeOptions, {
        batchSize: options.batchSize ?? 100,
        pollIntervalMs: options.pollIntervalMs ?? 500,
        standbyIntervalMs: options.standbyIntervalMs ?? 1000,
        redeliveryDelayMs: options.redeliveryDelayMs ?? 100,
        onPublished: (listener) => {
          published.on('published', listener);
          return () => published.off('published', listener);
        },
        ensureTopics: (topics) => db.transaction((tx) => ensureTopics(tx, topics)),
      });
      consumers.add(consumer);
      return {
        group: consumer.group,
        lag: () => consumer.lag(),
        stop: async () => {
          consumers.delete(consumer);
          await consumer.stop();
        },
      };
    },
    close: async () => {
      await Promise.all([...consumers].map((consumer) => consumer.stop()));
      consumers.clear();
      const unlisten = await listening;
      listening = undefined;
      await unlisten?.();
    },
  };
};
