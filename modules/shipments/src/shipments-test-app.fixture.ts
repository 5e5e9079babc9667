import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createEventStore, platformMigrations, type EventStore } from '@omnistream/event-store';
import { createHttpApp, createIdempotencyStore, httpMigrations, type HttpApp } from '@omnistream/http';
import { createLogger } from '@omnistream/observability';
import { projectionsSchema } from '@omnistream/projections';
import { openContracts, schemaRegistrySchema } from '@omnistream/schema-registry';
import type { OpenedTestDatabase, TestDatabase } from '@omnistream/testing';
import { contextContractsFolder } from '@omnistream/testing';
import { createShipmentsModule, shipmentsAppendHooks, type ShipmentsModule } from './shipments-module.js';

export interface ShipmentsTestApp {
  readonly app: HttpApp;
  readonly store: EventStore;
  readonly opened: OpenedTestDatabase;
  readonly module: ShipmentsModule;
  eventCount(): Promise<number>;
  /** Sends, expects a problem+json refusal with this status and code, and no event written. */
  expectRefused(send: () => Promise<LightMyRequestResponse>, status: number, code: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Test fixture: shipments wired as the server wires a module, on a fresh test database: the platform's HTTP app
 * (problem+json, idempotency keys), an event store with the inline read model and the shipments contracts checked
 * on every append, and the module started. `listenPort` makes the app listen, for carriers that call back.
 */
export const openShipmentsTestApp = async (
  target: TestDatabase,
  { config, fetch: client, listenPort }: { config?: unknown; fetch?: typeof fetch; listenPort?: number } = {},
): Promise<ShipmentsTestApp> => {
  const opened = await target.open({
    migrations: [...platformMigrations, ...httpMigrations, projectionsSchema, schemaRegistrySchema],
  });
  const folder = await contextContractsFolder('shipments');
  const contracts = await openContracts(opened.db, folder.dir).finally(() => folder.remove());
  const store = createEventStore(opened.db, {
    onAppended: shipmentsAppendHooks(),
    validate: contracts.validate,
  });
  const module = createShipmentsModule({
    eventStore: store,
    database: opened.db,
    config,
    ...(client === undefined ? {} : { fetch: client }),
    onError: (error, where) => console.error(where, error),
  });
  const app = await createHttpApp({
    logger: createLogger({ level: 'silent' }),
    idempotency: createIdempotencyStore(opened.db),
  });
  module.registerRoutes(app);
  await module.start();
  await app.ready();
  if (listenPort !== undefined) await app.listen({ port: listenPort, host: '127.0.0.1' });
  const eventCount = async () =>
    (await opened.db.query<{ n: number }>('select count(*)::int as n from omnistream.events'))[0]?.n ?? 0;
  return {
    app,
    store,
    opened,
    module,
    eventCount,
    expectRefused: async (send, status, code) => {
      const before = await eventCount();
      const response = await send();
      expect(response.statusCode, response.body).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json<{ code: string }>().code).toBe(code);
      expect(await eventCount()).toBe(before);
    },
    close: async () => {
      await app.close();
      await module.close();
      await store.close();
      await opened.close();
    },
  };
};

/** A port free now, for an app that must know its own URL before it listens. */
export const freePort = async (): Promise<number> => {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
};
