import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { fixedClock } from '@omnistream/kernel';
import { createEventStore, platformMigrations, type EventStore } from '@omnistream/event-store';
import { createHttpApp, createIdempotencyStore, httpMigrations, type HttpApp } from '@omnistream/http';
import { createLogger } from '@omnistream/observability';
import { projectionsSchema } from '@omnistream/projections';
import { openContracts, schemaRegistrySchema } from '@omnistream/schema-registry';
import type { OpenedTestDatabase, TestDatabase } from '@omnistream/testing';
import { contextContractsFolder } from '@omnistream/testing';
import { catalogAppendHooks, createCatalogModule, type CatalogModule } from './catalog-module.js';

export interface CatalogTestApp {
  readonly app: HttpApp;
  readonly store: EventStore;
  readonly opened: OpenedTestDatabase;
  readonly clock: ReturnType<typeof fixedClock>;
  readonly module: CatalogModule;
  /** Events stored so far, to show that a refused request wrote nothing. */
  eventCount(): Promise<number>;
  /** Sends, expects a problem+json refusal with this status and code (and detail), and no event written. */
  expectRefused(
    send: () => Promise<LightMyRequestResponse>,
    status: number,
    code: string,
    detail?: RegExp,
  ): Promise<{ code: string; detail: string; details?: Record<string, unknown> }>;
  close(): Promise<void>;
}

/**
 * Test fixture: the catalog wired as the server wires a module, on a fresh test database: the platform's HTTP
 * app (problem+json, idempotency keys, OpenAPI), an event store with the catalog's inline projections and the
 * catalog contracts registered and checked on every append, and the module started. The clock stands still until moved.
 */
export const openCatalogTestApp = async (
  target: TestDatabase,
  { now = '2025-06-01T09:00:00.000Z' }: { now?: string } = {},
): Promise<CatalogTestApp> => {
  const opened = await target.open({
    migrations: [...platformMigrations, ...httpMigrations, projectionsSchema, schemaRegistrySchema],
  });
  // Registered in a schema registry and checked on every append, as the server does with contracts/.
  const folder = await contextContractsFolder('catalog');
  const contracts = await openContracts(opened.db, folder.dir).finally(() => folder.remove());
  const store = createEventStore(opened.db, {
    onAppended: catalogAppendHooks(),
    validate: contracts.validate,
  });
  const clock = fixedClock(now);
  const module = createCatalogModule({ eventStore: store, database: opened.db, clock });
  const app = await createHttpApp({
    logger: createLogger({ level: 'silent' }),
    idempotency: createIdempotencyStore(opened.db),
  });
  module.registerRoutes(app);
  await module.start();
  await app.ready();
  const eventCount = async () =>
    (await opened.db.query<{ n: number }>('select count(*)::int as n from omnistream.events'))[0]?.n ?? 0;
  return {
    app,
    store,
    opened,
    clock,
    module,
    eventCount,
    expectRefused: async (send, status, code, detail) => {
      const before = await eventCount();
      const response = await send();
      expect(response.statusCode).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const body = response.json<{ code: string; detail: string; details?: Record<string, unknown> }>();
      expect(body.code).toBe(code);
      if (detail !== undefined) expect(body.detail).toMatch(detail);
      expect(await eventCount()).toBe(before);
      return body;
    },
    close: async () => {
      await app.close();
      await module.close();
      await store.close();
      await opened.close();
    },
  };
};
