import type { LightMyRequestResponse } from 'fastify';
import { systemClock, type Clock } from '@omnistream/kernel';
import type { EventStore } from '@omnistream/event-store';
import type { HttpApp } from '@omnistream/http';
import { openModuleBed, type OpenedTestDatabase, type TestDatabase } from '@omnistream/testing';
import type { PaymentsConfig } from './config/payments-config.js';
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
  const bed = await openModuleBed(target, { context: 'payments', appendHooks: paymentsAppendHooks() });
  const { app, store, opened } = bed;
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
  return {
    app,
    store,
    opened,
    module,
    eventCount: () => bed.eventCount(),
    expectRefused: async (...args) => {
      await bed.expectRefused(...args);
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
      await bed.close();
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
