import type { Database } from '@omnistream/event-store';
import type { Bus } from '@omnistream/messaging';
import { createTopicRegistry, topicsCli, type TopicRegistry } from '@omnistream/produce-proxy';
import { createSchemaRegistry } from '@omnistream/schema-registry';
import type { ServerConfig } from './config/server-config.js';
import { onDatabase, type Io } from './run-dead-letters.js';
import { openConfiguredBus } from './start-messaging.js';

/**
 * The topic registry as an operator command sees it: subjects from the schema registry's tables, and topics created
 * on a bus opened for the first put only (no bus runs in this process). `close` closes that bus, if it was opened.
 */
export const operatorTopicRegistry = (
  db: Database,
  openBus: () => Promise<Bus>,
  replicationFactor: number,
): { registry: TopicRegistry; close(): Promise<void> } => {
  const schemas = createSchemaRegistry(db);
  const opened: { bus?: Promise<Bus> } = {};
  return {
    registry: createTopicRegistry({
      db,
      subjectExists: async (subject) => (await schemas.subjects()).includes(subject),
      provision: async ({ name, partitions, retentionMs }) => {
        const bus = await (opened.bus ??= openBus());
        await bus.provision([
          { name, partitions, replicationFactor, ...(retentionMs === undefined ? {} : { retentionMs }) },
        ]);
      },
    }),
    close: async () => {
      await (await opened.bus?.catch(() => undefined))?.close();
    },
  };
};

/** `omnistream topics ...` on the configured database and bus; answers the exit code. */
export const runTopics = (config: ServerConfig, args: readonly string[], io: Io): Promise<number> =>
  onDatabase(config, async (db) => {
    const topics = operatorTopicRegistry(
      db,
      () => openConfiguredBus(config, db),
      config.topics.replicationFactor,
    );
    try {
      return await topicsCli(args, { registry: topics.registry, ...io });
    } finally {
      await topics.close();
    }
  });
