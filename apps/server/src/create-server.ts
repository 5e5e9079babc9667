import { createEventStore, runMigrations, type Database, type EventStore } from '@omnistream/event-store';
import { deadLetterRoutes, type Bus, type PublicEventCodec } from '@omnistream/messaging';
import {
  createHttpApp,
  createIdempotencyStore,
  registerRequestMetrics,
  type HttpApp,
} from '@omnistream/http';
import {
  createMetricsRegistry,
  registerFeedMetrics,
  type Logger,
  type Registry,
} from '@omnistream/observability';
import type { SchemaRegistry } from '@omnistream/schema-registry';
import { createCatalogModule, catalogAppendHooks } from '@omnistream/catalog';
import { createInventoryModule, inventoryAppendHooks } from '@omnistream/inventory';
import { createPaymentsModule, parsePaymentsConfig, paymentsAppendHooks } from '@omnistream/payments';
import { createShipmentsModule, shipmentsAppendHooks } from '@omnistream/shipments';
import { createOrderFlowSaga, createOrdersModule, ordersAppendHooks } from '@omnistream/orders';
import { combineCodecs } from '@omnistream/messaging';
import { createSagaCommandCodec, sagaCommandTopic, type SagaCommandExecutor } from '@omnistream/sagas';
import { startOrderFlow } from './start-order-flow.js';
import { registerSagaRoutes } from './saga-routes.js';
import type { ServerConfig } from './config/server-config.js';
import { registerHealthRoute } from './health-route.js';
import { registerMetricsRoute } from './metrics-route.js';
import { openConfiguredDatabase } from './open-configured-database.js';
import { serverMigrations } from './server-migrations.js';
import { registerStreamRoutes } from './streams/register-stream-routes.js';
import { SCHEMA_REGISTRY_PREFIX, startSchemaRegistry } from './start-schema-registry.js';
import { startMessaging } from './start-messaging.js';
import {
  createApiKeyAuthenticator,
  createProducer,
  createRateLimiter,
  createTopicCatalog,
  createTopicRegistry,
  produceRoutes,
  topicRoutes,
} from '@omnistream/produce-proxy';
import { createDetokenizePolicies, createTokenVault, tokenizationRoutes } from '@omnistream/tokenization';
import { createDedupStore } from '@omnistream/dedup';
import {
  createEventHistory,
  createHopRecorder,
  eventHistoryRoutes,
  startEventIndexer,
} from '@omnistream/event-history';
import { systemClock } from '@omnistream/kernel';

/** The contexts the order saga sends commands to; each applies its own in the process that runs it. */
const SAGA_TARGETS = ['inventory', 'payments', 'shipments', 'orders'];

export interface Server {
  /** Ready to `listen` or `inject`; modules add their routes before that. */
  readonly app: HttpApp;
  readonly database: Database;
  readonly eventStore: EventStore;
  readonly metrics: Registry;
  /** The Confluent-compatible registry, also served under `/schema-registry`. */
  readonly schemaRegistry: SchemaRegistry;
  /** Topic, subject and wire-format value of public events, for the outbox relay. */
  readonly publicEvents: PublicEventCodec;
  /** In-process (embedded) or Kafka; the outbox relay publishes public events onto it. */
  readonly bus: Bus;
  /** Migration ids applied while starting. */
  readonly applied: readonly string[];
  /** Stops accepting, lets in-flight requests finish, then closes the event store and the database. Idempotent. */
  close(): Promise<void>;
}

export interface ServerDependencies {
  readonly logger: Logger;
}

/**
 * The composition root (STYLE.md 9): the one place that picks the database from config and wires the platform
 * together. Listening and signals stay in main.ts.
 */
export const createServer = async (config: ServerConfig, { logger }: ServerDependencies): Promise<Server> => {
  const database = await openConfiguredDatabase(config.database);
  // Modules already started when a later step fails are closed before the database, newest first.
  const started: { close(): Promise<void> }[] = [];
  try {
    const applied = await runMigrations(database, serverMigrations);
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
    const contracts = await startSchemaRegistry(database, config.contracts.dir);
    logger.info({ contracts: contracts.registered.length }, 'public contracts registered');
    // Public events are checked against their contracts inside every append: nothing invalid is written.
    const eventStore = createEventStore(database, {
      validate: contracts.validate,
      onAppended: [
        ...inventoryAppendHooks(),
        ...catalogAppendHooks(),
        ...paymentsAppendHooks(),
        ...shipmentsAppendHooks(),
        ...ordersAppendHooks(),
      ],
    });
    const idempotency = createIdempotencyStore(database, config.idempotency);
    const metrics = createMetricsRegistry();
    registerFeedMetrics(metrics, database);
    const app = await createHttpApp({
      logger,
      openApi: {
        title: 'Omnistream',
        version: '0.1.0',
        description: 'Event-driven backbone for omnichannel retail.',
      },
      idempotency,
      bodyLimitBytes: config.http.bodyLimitBytes,
      requestTimeoutMs: config.http.requestTimeoutMs,
    });
    registerRequestMetrics(app, metrics);
    registerHealthRoute(app, database);
    registerMetricsRoute(app, metrics);
    registerStreamRoutes(app, eventStore);
    await app.register(contracts.plugin, { prefix: SCHEMA_REGISTRY_PREFIX, registry: contracts.registry });
    await app.register(deadLetterRoutes, { db: database });
    // Only the configured modules serve routes, apply saga commands and run background work in this process; the
    // inline projections above belong to the store, so any process keeps every read model right.
    const runs = new Set(config.modules);
    const onError = (module: string) => (error: unknown, where: string) =>
      logger.error({ err: error, where, module }, `${module} background work failed`);
    const mount = async <
      M extends { registerRoutes(app: HttpApp): void; start(): Promise<void>; close(): Promise<void> },
    >(
      module: M,
    ): Promise<M> => {
      module.registerRoutes(app);
      await module.start();
      started.unshift(module);
      return module;
    };
    const targets: Record<string, SagaCommandExecutor> = {};
    if (runs.has('inventory')) {
      const inventory = await mount(createInventoryModule({ eventStore, onError: onError('inventory') }));
      targets.inventory = inventory.execute;
    }
    if (runs.has('catalog'))
      await mount(createCatalogModule({ eventStore, database, onError: onError('catalog') }));
    if (runs.has('payments')) {
      const payments = await mount(
        createPaymentsModule({
          eventStore,
          database,
          config: parsePaymentsConfig(config.payments),
          onError: onError('payments'),
        }),
      );
      targets.payments = payments.execute;
    }
    if (runs.has('shipments')) {
      const shipments = await mount(
        createShipmentsModule({
          eventStore,
          database,
          ...(config.shipments === undefined ? {} : { config: config.shipments }),
          onError: onError('shipments'),
        }),
      );
      targets.shipments = shipments.execute;
    }
    const orderFlow = createOrderFlowSaga(config.orders);
    if (runs.has('orders')) {
      const orders = await mount(createOrdersModule({ eventStore, database, onError: onError('orders') }));
      targets.orders = (command, context) =>
        orders.execute(command as Parameters<typeof orders.execute>[0], context);
      registerSagaRoutes(app, eventStore, [orderFlow]);
    }

    // The order saga's commands leave through the outbox on `<context>.commands`, and each context's process applies
    // its own. Every process can relay, so the codec knows every context's commands, not just this process's.
    const sagaCommands = await createSagaCommandCodec(contracts.registry, [orderFlow.name], SAGA_TARGETS);
    const messaging = await startMessaging(config, {
      database,
      eventStore,
      codec: combineCodecs(contracts.codec, sagaCommands),
      contracts: contracts.registered,
      extraTopics: SAGA_TARGETS.map(sagaCommandTopic),
      logger,
      metrics,
    });
    started.unshift(messaging);
    // The integration hub's topics: registered against a schema subject, created on the bus as they are.
    let topicAdded = (_name: string): Promise<void> => Promise.resolve();
    const topics = createTopicRegistry({
      db: database,
      subjectExists: async (subject) => (await contracts.registry.subjects()).includes(subject),
      provision: async ({ name, partitions, retentionMs }) => {
        await messaging.bus.provision([
          {
            name,
            partitions,
            replicationFactor: config.topics.replicationFactor,
            ...(retentionMs === undefined ? {} : { retentionMs }),
          },
        ]);
        topicAdded(name).catch((error: unknown) =>
          logger.error({ err: error, topic: name }, 'event history could not start indexing the new topic'),
        );
      },
    });
    await app.register(topicRoutes, { topics });
    // The REST proxy (Confluent v2 and v3 produce) under /kafka: records validated against their topic's subject,
    // sensitive fields tokenized, idempotency keys honoured, then onto the bus like any other message.
    const dedup = createDedupStore({ db: database, windowMs: config.hub.dedupWindowMs });
    const vault =
      config.hub.tokenization.masterKeyHex === undefined
        ? undefined
        : createTokenVault({
            db: database,
            masterKeyHex: config.hub.tokenization.masterKeyHex,
            deterministicFields: config.hub.tokenization.deterministicFields,
          });
    const authenticate = createApiKeyAuthenticator(database, { clock: systemClock });
    if (vault !== undefined) {
      const policies = createDetokenizePolicies(config.hub.tokenization.policies);
      // Detokenize and erase under /hub, for API keys; the consumer a policy names is the key's name.
      await app.register(
        async (scope) => {
          scope.addHook('onRequest', async (request) => {
            request.principal = (await authenticate(request.headers.authorization)).name;
          });
          await scope.register(tokenizationRoutes, { vault, policies });
        },
        { prefix: '/hub' },
      );
    }
    const catalog = createTopicCatalog({ db: database, topics, registry: contracts.registry });
    await app.register(produceRoutes, {
      prefix: '/kafka',
      producer: createProducer({
        bus: messaging.bus,
        catalog,
        rateLimiter: createRateLimiter(),
        dedup,
        ...(vault === undefined ? {} : { vault }),
      }),
      catalog,
      registry: contracts.registry,
      authenticate,
      clusterId: config.hub.clusterId,
    });
    // Event history: every message on the platform's topics and the hub's, indexed for search and journeys.
    const history = createEventHistory({ db: database });
    // What consumers made of each message (delivered, retried, dead-lettered): the consumer hops of a journey.
    const hops = createHopRecorder(history, { logger });
    started.unshift({ close: () => hops.close() });
    await app.register(eventHistoryRoutes, { history });
    const indexedTopics = async (added?: string) => [
      ...new Set([
        ...messaging.topics.map((t) => t.name),
        ...(await topics.list()).map((t) => t.name),
        ...(added === undefined ? [] : [added]),
      ]),
    ];
    let indexer = await startEventIndexer({
      bus: messaging.bus,
      history,
      topics: await indexedTopics(),
      logger,
    });
    // A topic registered later joins the index: the indexer restarts with it (its group resumes where it was).
    // Restarts run one after another, so two topics registered at once cannot leave two indexers running.
    let restarting = Promise.resolve();
    topicAdded = (name) =>
      (restarting = restarting
        .catch(() => undefined)
        .then(async () => {
          const next = await indexedTopics(name);
          await indexer.stop();
          indexer = await startEventIndexer({ bus: messaging.bus, history, topics: next, logger });
        }));
    started.unshift({ close: () => indexer.stop() });
    const flow = await startOrderFlow({
      onOutcome: hops.observe,
      store: eventStore,
      database,
      bus: messaging.bus,
      sagas: runs.has('orders') ? [orderFlow] : [],
      targets,
      logger,
      partitions: config.database.kind === 'pglite' ? 1 : config.orders.sagaPartitions,
    });
    started.unshift(flow);

    const purge = setInterval(() => {
      idempotency.purgeExpired().then(
        (purged) => purged > 0 && logger.info({ purged }, 'expired idempotency keys purged'),
        (error: unknown) => logger.warn({ err: error }, 'could not purge expired idempotency keys'),
      );
      // Event history beyond its retention, in batches, so one purge never holds a long transaction.
      const purgeHistory = async (): Promise<number> => {
        const cutoff = new Date(Date.now() - config.hub.eventHistoryRetentionMs);
        let total = 0;
        for (let gone = await history.purgeBefore(cutoff); gone > 0; gone = await history.purgeBefore(cutoff))
          total += gone;
        return total;
      };
      purgeHistory().then(
        (purged) => purged > 0 && logger.info({ purged }, 'event history beyond its retention purged'),
        (error: unknown) => logger.warn({ err: error }, 'could not purge event history'),
      );
      dedup.purgeExpired().then(
        (purged) => purged > 0 && logger.info({ purged }, 'expired producer idempotency keys purged'),
        (error: unknown) => logger.warn({ err: error }, 'could not purge expired producer idempotency keys'),
      );
    }, config.idempotency.purgeIntervalMs);
    purge.unref(); // housekeeping must never keep the process alive

    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        clearInterval(purge);
        await app.close();
        for (const module of started) await module.close();
        await eventStore.close();
        await database.close();
      })());
    return {
      app,
      database,
      eventStore,
      metrics,
      schemaRegistry: contracts.registry,
      publicEvents: contracts.codec,
      bus: messaging.bus,
      applied,
      close,
    };
  } catch (error) {
    for (const module of started) await module.close();
    await database.close();
    throw error;
  }
};
