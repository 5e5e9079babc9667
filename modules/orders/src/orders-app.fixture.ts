import { fixedClock } from '@omnistream/kernel';
import { openModuleBed, type ModuleBed, type TestDatabase } from '@omnistream/testing';
import { createOrdersModule, ordersAppendHooks, type OrdersModule } from './orders-module.js';

export interface OrdersApp extends Omit<ModuleBed, 'close'> {
  readonly orders: OrdersModule;
  close(): Promise<void>;
}

/**
 * Orders over HTTP on a fresh test database, wired as the server wires a module (openModuleBed: HTTP app with
 * idempotency keys, event store with orders' inline projections, orders contracts checked on every append). The
 * clock stands still.
 */
export const openOrdersApp = async (
  database: TestDatabase,
  { now = '2026-11-27T09:00:00.000Z' }: { now?: string } = {},
): Promise<OrdersApp> => {
  const bed = await openModuleBed(database, { context: 'orders', appendHooks: ordersAppendHooks() });
  const orders = createOrdersModule({
    eventStore: bed.store,
    database: bed.opened.db,
    clock: fixedClock(now),
    onError: (error, where) => console.error(where, error),
  });
  orders.registerRoutes(bed.app);
  await orders.start();
  await bed.app.ready();
  return { ...bed, orders, close: () => bed.close(() => orders.close()) };
};
