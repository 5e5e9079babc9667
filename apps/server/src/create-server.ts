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
import { createSagaCommandCodec, sagaCommandTopic } from '@omnistream/sagas';
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
    const inventory = createInventoryModule({
      eventStore,
      onError: (error, where) => logger.error({ err: error, where }, 'inventory background work failed'),
    });
    inventory.registerRoutes(app);
    await inventory.start();
    started.unshift(inventory);
    const catalog = createCatalogModule({
      eventStore,
      database,
      onError: (error, where) => logger.error({ err: error, where }, 'catalog background work failed'),
    });
    catalog.registerRoutes(app);
    await catalog.start();
    started.unshift(catalog);
    const payments = createPaymentsModule({
      eventStore,
      database,
      config: parsePaymentsConfig(config.payments),
      onError: (error, where) => logger.error({ err: error, where }, 'payments background work failed'),
    });
    payments.registerRoutes(app);
    await payments.start();
    started.unshift(payments);
    const shipments = createShipmentsModule({
      eventStore,
      database,
      ...(config.shipments === undefined ? {} : { config: config.shipments }),
      onError: (error, where) => logger.error({ err: error, where }, 'shipments background work failed'),
    });
    shipments.registerRoutes(app);
    await shipments.start();
    started.unshift(shipments);
    const orders = createOrdersModule({
      eventStore,
      database,
      onError: (error, where) => logger.error({ err: error, where }, 'orders background work failed'),
    });
    orders.registerRoutes(app);
    await orders.start();
    started.unshift(orders);

    // The order saga: its commands leave through the outbox on `<context>.commands`, each context applies them.
    const orderFlow = createOrderFlowSaga(config.orders);
    registerSagaRoutes(app, eventStore, [orderFlow]);
    const targets = {
      inventory: inventory.execute,
      payments: payments.execute,
      shipments: shipments.execute,
      orders: (command: { type: string; data: unknown }, context: { correlationId?: string }) =>
        orders.execute(command as Parameters<typeof orders.execute>[0], context),
    };
    const sagaCommands = await createSagaCommandCodec(
      contracts.registry,
      [orderFlow.name],
      Object.keys(targets),
    );
    const messaging = await startMessaging(config, {
      database,
      eventStore,
      codec: combineCodecs(contracts.codec, sagaCommands),
      contracts: contracts.registered,
      extraTopics: Object.keys(targets).map(sagaCommandTopic),
      logger,
      metrics,
    });
    started.unshift(messaging);
    const flow = await startOrderFlow({
      store: eventStore,
      database,
      bus: messaging.bus,
      sagas: [orderFlow],
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
