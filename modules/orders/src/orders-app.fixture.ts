import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { fixedClock } from '@omnistream/kernel';
import { createEventStore, platformMigrations, type EventStore } from '@omnistream/event-store';
import { createHttpApp, createIdempotencyStore, httpMigrations, type HttpApp } from '@omnistream/http';
import { createLogger } from '@omnistream/observability';
import { projectionsSchema } from '@omnistream/projections';
import { contractValidator, loadContextContracts, type TestDatabase } from '@omnistream/testing';
import { createOrdersModule, ordersAppendHooks, type OrdersModule } from './orders-module.js';

export interface OrdersApp {
  readonly app: HttpApp;
  readonly store: EventStore;
  readonly orders: OrdersModule;
  /** Events stored so far, to show that a refused request wrote nothing. */
  eventCount(): Promise<number>;
  /** Sends, expects a problem+json refusal with this status and code, and no event written. */
  expectRefused(
    send: () => Promise<LightMyRequestResponse>,
    status: number,
    code: string,
    detail?: RegExp,
  ): Promise<void>;
  close(): Promise<void>;
}

/**
 * Orders over HTTP on a fresh test database, wired as the server wires a module: the platform's HTTP app with
 * idempotency keys, an event store with orders' inline projections and the orders contracts checked on every
 * append. The clock stands still.
 */
export const openOrdersApp = async (
  database: TestDatabase,
  { now = '2026-11-27T09:00:00.000Z' }: { now?: string } = {},
): Promise<OrdersApp> => {
  const opened = await database.open({
    migrations: [...platformMigrations, ...httpMigrations, projectionsSchema],
  });
  const store = createEventStore(opened.db, {
    onAppended: ordersAppendHooks(),
    validate: contractValidator(await loadContextContracts('orders')),
  });
  const orders = createOrdersModule({
    eventStore: store,
    database: opened.db,
    clock: fixedClock(now),
    onError: (error, where) => console.error(where, error),
  });
  const app = await createHttpApp({
    logger: createLogger({ level: 'silent' }),
    idempotency: createIdempotencyStore(opened.db),
  });
  orders.registerRoutes(app);
  await orders.start();
  await app.ready();
  const eventCount = async () =>
    (await opened.db.query<{ n: number }>('select count(*)::int as n from omnistream.events'))[0]?.n ?? 0;
  return {
    app,
    store,
    orders,
    eventCount,
    expectRefused: async (send, status, code, detail) => {
      const before = await eventCount();
      const response = await send();
      expect(response.statusCode, response.body).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const body = response.json<{ code: string; detail: string }>();
      expect(body.code).toBe(code);
      if (detail !== undefined) expect(body.detail).toMatch(detail);
      expect(await eventCount()).toBe(before);
    },
    close: async () => {
      await app.close();
      await orders.close();
      await store.close();
      await opened.close();
    },
  };
};
