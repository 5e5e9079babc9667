import { readFile } from 'node:fs/promises';
import type { Database, EventStore } from '@omnistream/event-store';
import {
  createInProcessBus,
  namespacedBus,
  parseTopicsConfig,
  provisionTopics,
  startOutboxRelay,
  type Bus,
  type OutboxRelay,
  type PublicEventCodec,
  type TopicSpec,
} from '@omnistream/messaging';
import type { Logger, Registry } from '@omnistream/observability';
import type { RegisteredContract } from '@omnistream/schema-registry';
import type { ServerConfig } from './config/server-config.js';
import { ConfigError } from './config/parse-config.js';

export interface StartedMessaging {
  readonly bus: Bus;
  /** Absent when this process does not relay (`relay.enabled` false). */
  readonly relay: OutboxRelay | undefined;
  readonly topics: readonly TopicSpec[];
  close(): Promise<void>;
}

export interface MessagingDependencies {
  readonly database: Database;
  readonly eventStore: EventStore;
  readonly codec: PublicEventCodec;
  readonly contracts: readonly RegisteredContract[];
  /** Topics besides those of the contracts, e.g. `<context>.commands` for saga commands. */
  readonly extraTopics?: readonly string[];
  readonly logger: Logger;
  readonly metrics: Registry;
}

type KafkaConfig = Extract<ServerConfig['bus'], { kind: 'kafka' }>;

/** The Kafka adapter is loaded only when configured: the embedded shape never loads the Kafka client. */
const openKafkaBus = async (config: KafkaConfig, logger: Logger | undefined): Promise<Bus> => {
  const { createKafkaBus } = await import('@omnistream/messaging/kafka');
  const ca = config.tlsCaFile === undefined ? undefined : await readFile(config.tlsCaFile, 'utf8');
  const bus = createKafkaBus({
    brokers: config.brokers,
    clientId: config.clientId,
    ...(config.tls || ca !== undefined ? { tls: ca === undefined ? true : { ca } } : {}),
    ...(config.sasl === undefined ? {} : { sasl: config.sasl }),
    onConsumerError: (error, context) =>
      logger?.warn({ err: error, ...context }, 'Kafka consumer error; retrying'),
  });
  return config.namespace === undefined ? bus : namespacedBus(bus, config.namespace);
};

/** The configured bus, unstarted: Kafka (in its namespace, if one is set) or the in-process log in `database`. */
export const openConfiguredBus = async (
  config: ServerConfig,
  database: Database,
  logger?: Logger,
): Promise<Bus> =>
  config.bus.kind === 'kafka'
    ? openKafkaBus(config.bus, logger)
    : createInProcessBus(database, { defaultPartitions: config.topics.partitions });

/**
 * Every topic of a registered contract, plus those of the topics file, with the file's defaults or the configured
 * ones. Provisioned before anything publishes: a topic created by first use keeps one partition for good.
 */
const topicsToProvision = async (
  config: ServerConfig['topics'],
  contracts: readonly RegisteredContract[],
  extraTopics: readonly string[],
): Promise<readonly TopicSpec[]> => {
  let file: { defaults?: unknown; topics?: Record<string, unknown> } = {};
  if (config.file !== undefined) {
    try {
      file = JSON.parse(await readFile(config.file, 'utf8')) as typeof file;
    } catch (error) {
      throw new ConfigError(
        `topics file ${config.file}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  const fromContracts = Object.fromEntries(
    [...contracts.map((contract) => contract.topic), ...extraTopics].map((topic) => [topic, {}]),
  );
  try {
    return parseTopicsConfig({
      defaults: file.defaults ?? {
        partitions: config.partitions,
        replicationFactor: config.replicationFactor,
      },
      topics: { ...fromContracts, ...file.topics },
    });
  } catch (error) {
    throw new ConfigError(
      `topics file ${config.file ?? ''}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
};

/** The bus of the configured shape, its topics, and the outbox relay that publishes public events onto it. */
export const startMessaging = async (
  config: ServerConfig,
  deps: MessagingDependencies,
): Promise<StartedMessaging> => {
  const topics = await topicsToProvision(config.topics, deps.contracts, deps.extraTopics ?? []);
  const bus = await openConfiguredBus(config, deps.database, deps.logger);
  try {
    await provisionTopics(bus, topics);
    const relay = config.relay.enabled
      ? startOutboxRelay({
          store: deps.eventStore,
          bus,
          codec: deps.codec,
          logger: deps.logger,
          metrics: deps.metrics,
        })
      : undefined;
    deps.logger.info(
      { bus: bus.kind, topics: topics.map((topic) => topic.name), relay: relay !== undefined },
      'bus ready',
    );
    return {
      bus,
      relay,
      topics,
      close: async () => {
        await relay?.stop();
        await bus.close();
      },
    };
  } catch (error) {
    await bus.close();
    throw error;
  }
};
