import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { systemClock, type Clock } from '@omnistream/kernel';
import { createEventStore, platformMigrations, type EventStore } from '@omnistream/event-store';
import { createHttpApp, createIdempotencyStore, httpMigrations, type HttpApp } from '@omnistream/http';
import { createLogger } from '@omnistream/observability';
import { projectionsSchema } from '@omnistream/projections';
import { openContracts, schemaRegistrySchema } from '@omnistream/schema-registry';
import type { OpenedTestDatabase, TestDatabase } from '@omnistream/testing';
import type { PaymentsConfig } from './config/payments-config.js';
import { contextContractsFolder } from '@omnistream/testing';
import { createPaymentsModule, paymentsAppendHooks, type PaymentsModule } from './payments-module.js';

export interface PaymentsTestApp {
  readonly app: HttpApp;
  readonly store: EventStore;
  readonly opened: OpenedTestDatabase;
  readonly module: PaymentsModule;
  eventCount(): Promise<number>;
  /** Sends, expects a problem+json refusal with this status and code, and no event written. */
  expectRefused(
    send: () => Promise<LightMyRequestResponse>,
    status: number,
    code: string,
    detail?: RegExp,
  ): Promise<void>;
  /** Waits until the payment's status is `status` (webhooks arrive after a delay). */
  waitForStatus(paymentId: string, status: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * Test fixture: payments wired as the server wires a module, on a fresh test database: the platform's HTTP app
 * (problem+json, idempotency keys), an event store with the inline projection and the payments contracts checked
 * on every append, and the module started. `listen` makes the app listen on a free port before start, for webhooks
 * over real HTTP (the config is then built from the port).
 */
export const openPaymentsTestApp = async (
  target: TestDatabase,
  options: {
    config?: (port: number | undefined) => PaymentsConfig;
    listen?: boolean;
    clock?: Clock;
    fetch?: typeof fetch;
  } = {},
): Promise<PaymentsTestApp> => {
  const opened = await target.open({
    migrations: [...platformMigrations, ...httpMigrations, projectionsSchema, schemaRegistrySchema],
  });
  const folder = await contextContractsFolder('payments');
  const contracts = await openContracts(opened.db, folder.dir).finally(() => folder.remove());
  const store = createEventStore(opened.db, {
    onAppended: paymentsAppendHooks(),
    validate: contracts.validate,
  });
  const app = await createHttpApp({
    logger: createLogger({ level: 'silent' }),
    idempotency: createIdempotencyStore(opened.db),
  });
  // The port must be known before the module is built, since the sandbox's webhook URL names it: reserve one first.
  const port = options.listen === true ? await freePort() : undefined;
  const module = createPaymentsModule({
    eventStore: store,
    database: opened.db,
    clock: options.clock ?? systemClock,
    ...(options.config === undefined ? {} : { config: options.config(port) }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    onError: (error, where) => {
      if (!/webhook delivery/.test(where)) console.error(where, error);
    },
  });
  module.registerRoutes(app);
  await module.start();
  await app.ready();
  if (port !== undefined) await app.listen({ port, host: '127.0.0.1' });
  const eventCount = async () =>
    (await opened.db.query<{ n: number }>('select count(*)::int as n from omnistream.events'))[0]?.n ?? 0;
  return {
    app,
    store,
    opened,
    module,
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
    waitForStatus: async (paymentId, status, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const response = await app.inject({ method: 'GET', url: `/payments/${paymentId}` });
        const body = response.json<{ payment: Record<string, unknown> }>();
        if (body.payment?.status === status) return body.payment;
        if (Date.now() > deadline)
          throw new Error(`payment ${paymentId} is ${String(body.payment?.status)}, not ${status}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    close: async () => {
      await module.close();
      await app.close();
      await store.close();
      await opened.close();
    },
  };
};

const freePort = async (): Promise<number> => {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
};
