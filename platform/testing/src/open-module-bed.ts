import type { LightMyRequestResponse } from 'fastify';
import {
  createEventStore,
  platformMigrations,
  type AppendHook,
  type EventStore,
} from '@omnistream/event-store';
import { createHttpApp, createIdempotencyStore, httpMigrations, type HttpApp } from '@omnistream/http';
import { createLogger } from '@omnistream/observability';
import { projectionsSchema } from '@omnistream/projections';
import { openContracts, schemaRegistrySchema } from '@omnistream/schema-registry';
import { contextContractsFolder } from './context-contracts.js';
import type { OpenedTestDatabase, TestDatabase } from './test-databases.js';

export interface RefusedProblem {
  readonly code: string;
  readonly detail: string;
  readonly details?: Record<string, unknown>;
}

export interface ModuleBed {
  readonly opened: OpenedTestDatabase;
  readonly store: EventStore;
  readonly app: HttpApp;
  eventCount(): Promise<number>;
  /** Sends, expects a problem+json refusal with this status and code (and detail), and that nothing was written. */
  expectRefused(
    send: () => Promise<LightMyRequestResponse>,
    status: number,
    code: string,
    detail?: RegExp,
  ): Promise<RefusedProblem>;
  /** Closes the app, then the store and the database; close the module in between with `beforeStore`. */
  close(beforeStore?: () => Promise<void>): Promise<void>;
}

/**
 * Test fixture: what the server gives a module, on a fresh test database: the platform's HTTP app (problem+json,
 * idempotency keys, OpenAPI) and an event store with the module's inline projections, the context's contracts
 * registered in a schema registry and checked on every append. The caller builds the module on it, registers its
 * routes and starts it.
 */
export const openModuleBed = async (
  target: TestDatabase,
  { context, appendHooks }: { readonly context: string; readonly appendHooks: readonly AppendHook[] },
): Promise<ModuleBed> => {
  const opened = await target.open({
    migrations: [...platformMigrations, ...httpMigrations, projectionsSchema, schemaRegistrySchema],
  });
  const folder = await contextContractsFolder(context);
  const contracts = await openContracts(opened.db, folder.dir).finally(() => folder.remove());
  const store = createEventStore(opened.db, { onAppended: [...appendHooks], validate: contracts.validate });
  const app = await createHttpApp({
    logger: createLogger({ level: 'silent' }),
    idempotency: createIdempotencyStore(opened.db),
  });
  const eventCount = async () =>
    (await opened.db.query<{ n: number }>('select count(*)::int as n from omnistream.events'))[0]?.n ?? 0;
  return {
    opened,
    store,
    app,
    eventCount,
    expectRefused: async (send, status, code, detail) => {
      // Loaded here, not at the top: benchmarks import this package outside a vitest run.
      const { expect } = await import('vitest');
      const before = await eventCount();
      const response = await send();
      expect(response.statusCode, response.body).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const body = response.json<RefusedProblem>();
      expect(body.code).toBe(code);
      if (detail !== undefined) expect(body.detail).toMatch(detail);
      expect(await eventCount()).toBe(before);
      return body;
    },
    close: async (beforeStore) => {
      await app.close();
      await beforeStore?.();
      await store.close();
      await opened.close();
    },
  };
};
