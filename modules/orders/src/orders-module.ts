import { DomainError, systemClock, type Clock, type CommandMetadata } from '@omnistream/kernel';
import {
  createCommandHandler,
  type AppendHook,
  type Database,
  type EventStore,
} from '@omnistream/event-store';
import type { HttpApp } from '@omnistream/http';
import {
  inlineProjection,
  startProjection,
  type Projection,
  type ProjectionHandle,
} from '@omnistream/projections';
import { order } from './domain/order/order.js';
import { ORDER_SAGA_COMMAND_TYPES, type OrderSagaCommand } from './domain/order/order-commands.js';
import { orderProjection } from './read-models/order-projection.js';
import { orderPriceProjection } from './read-models/order-price-projection.js';
import { orderQueries } from './read-models/order-queries.js';
import type { OrderCommandInput } from './http/order-route-dependencies.js';
import { registerPlaceOrderRoutes } from './http/place-order-routes.js';
import { registerOrderChangeRoutes } from './http/order-change-routes.js';
import { registerStoreRoutes } from './http/store-routes.js';

/** The orders read models; the event store must be created with their inline hooks (`ordersAppendHooks`). */
export const ordersProjections: readonly Projection[] = [orderProjection, orderPriceProjection];
export const ordersAppendHooks = (): AppendHook[] => ordersProjections.map((p) => inlineProjection(p));

export interface OrdersModuleDependencies {
  /** Created with ordersAppendHooks() among its onAppended hooks (and the contracts' validate hook). */
  readonly eventStore: EventStore;
  /** Where the read models are read; usually the event store's own database. */
  readonly database: Database;
  readonly clock?: Clock;
  readonly onError?: (error: unknown, where: string) => void;
}

/** A saga command as the saga's command consumer hands it over: `{ type, data }` with `data.orderId`. */
export type OrderSagaCommandInput = {
  [C in OrderSagaCommand as C['type']]: Omit<C, 'metadata'>;
}[OrderSagaCommand['type']];

const SAGA_TYPES: ReadonlySet<string> = new Set(ORDER_SAGA_COMMAND_TYPES);

/**
 * Orders (DESIGN.md layout: modules/orders): placing, changing and reading orders over HTTP, and `execute` for the
 * facts the order saga records. Nothing runs until `start`, which builds the read models.
 */
export const createOrdersModule = ({
  eventStore,
  database,
  clock = systemClock,
  onError = () => {},
}: OrdersModuleDependencies) => {
  const handle = createCommandHandler(eventStore, order);
  const handlers = { order: handle };
  const queries = orderQueries(database);
  const metadata = (extra: Partial<CommandMetadata> = {}): CommandMetadata => ({
    ...extra,
    now: clock.now().toISOString(),
  });
  const send = (command: OrderCommandInput, correlationId: string, expectedVersion?: number) =>
    handle(
      `order-${command.data.orderId}`,
      { ...command, metadata: metadata({ correlationId }) },
      expectedVersion === undefined ? {} : { expectedVersion },
    );
  let projections: ProjectionHandle[] = [];
  return {
    name: 'orders' as const,
    handlers,
    queries,
    registerRoutes: (app: HttpApp) => {
      const dependencies = { database, clock, queries, send };
      registerPlaceOrderRoutes(app, dependencies);
      registerOrderChangeRoutes(app, dependencies);
      registerStoreRoutes(app, dependencies);
    },
    /**
     * Applies one saga command to `order-<orderId>`. Idempotent: a redelivered command decides no events. The
     * caller's correlation and causation ids go into the events' metadata. Answers with JSON for the saga's reply:
     * the order's version and the types of the events the command appended.
     */
    execute: async (
      command: OrderSagaCommandInput,
      context: Pick<CommandMetadata, 'correlationId' | 'causationId' | 'traceparent'> = {},
    ) => {
      const { type, data } = command as { type: unknown; data: unknown };
      if (typeof type !== 'string' || !SAGA_TYPES.has(type))
        throw new DomainError('INVALID_COMMAND', `${String(type)} is not an order saga command`);
      const orderId = (data as { orderId?: unknown } | null)?.orderId;
      if (typeof orderId !== 'string' || orderId.length === 0)
        throw new DomainError('INVALID_COMMAND', `${type} needs data.orderId`);
      const result = await handle(`order-${orderId}`, { ...command, metadata: metadata(context) });
      // The saga's reply carries this as JSON: what changed, not the envelopes (bigint positions) or the state.
      return {
        orderId,
        version: result.nextExpectedVersion,
        events: result.events.map((event) => event.type),
      };
    },
    start: async () => {
      projections = ordersProjections.map((projection) =>
        startProjection(eventStore, projection, {
          inline: true,
          onError: (error) => onError(error, `projection ${projection.name}`),
        }),
      );
      await Promise.all(projections.map((p) => p.activated()));
    },
    close: async () => {
      const running = projections;
      projections = [];
      await Promise.all(running.map((p) => p.stop()));
    },
  };
};

export type OrdersModule = ReturnType<typeof createOrdersModule>;
