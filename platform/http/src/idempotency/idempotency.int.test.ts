import { Type } from '@sinclair/typebox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '@omnistream/kernel';
import { platformMigrations } from '@omnistream/event-store';
import { createLogger } from '@omnistream/observability';
import { testDatabases, type OpenedTestDatabase } from '@omnistream/testing';
import { createHttpApp, type HttpApp } from '../create-http-app.js';
import { httpMigrations } from './http-migrations.js';
import { createIdempotencyStore, type IdempotencyStore } from './idempotency-store.js';

const HOUR = 60 * 60 * 1000;

describe.each(testDatabases())('idempotency keys on $name', (database) => {
  let opened: OpenedTestDatabase;
  let app: HttpApp;
  let store: IdempotencyStore;
  let runs: number;
  let gate: Promise<void>;
  let openGate: () => void;
  const clock = fixedClock('2026-01-01T00:00:00Z');

  beforeEach(async () => {
    opened = await database.open({ migrations: [...platformMigrations, ...httpMigrations] });
    store = createIdempotencyStore(opened.db, { keyTtlMs: HOUR, inProgressTimeoutMs: 60_000, clock });
    app = await createHttpApp({ logger: createLogger({ level: 'silent' }), idempotency: store });
    runs = 0;
    gate = Promise.resolve();
    // Stands in for authentication, which sets the principal before any handler runs.
    app.addHook('onRequest', (request, _reply, done) => {
      const principal = request.headers['x-test-principal'];
      if (typeof principal === 'string') request.principal = principal;
      done();
    });
    app.post(
      '/orders',
      { config: { idempotent: true }, schema: { body: Type.Object({ sku: Type.String() }) } },
      async (request, reply) => {
        runs += 1;
        await gate;
        if (request.body.sku === 'fail') throw new Error('database went away');
        return reply
          .code(201)
          .header('location', `/orders/${runs}`)
          .send({ run: runs, sku: request.body.sku });
      },
    );
    app.post('/plain', { schema: { body: Type.Object({ sku: Type.String() }) } }, () => ({ run: ++runs }));
  });
  afterEach(async () => {
    await app.close();
    await opened.close();
  });

  const post = (
    key: string | undefined,
    body: unknown,
    extra: Record<string, string> = {},
    url = '/orders',
  ) =>
    app.inject({
      method: 'POST',
      url,
      payload: body as object,
      headers: { ...(key === undefined ? {} : { 'idempotency-key': key }), ...extra },
    });

  it('processes a command once and replays its status, body and headers for a repeat', async () => {
    const first = await post('k-1', { sku: 'A' });
    const again = await post('k-1', { sku: 'A' });
    expect(runs).toBe(1);
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers.location).toBe('/orders/1');
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(again.body).toBe(first.body);
  });

  it('rejects the same key for a different request with 422 IDEMPOTENCY_KEY_REUSED', async () => {
    await post('k-1', { sku: 'A' });
    const reused = await post('k-1', { sku: 'B' });
    expect(reused.statusCode).toBe(422);
    expect(reused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(reused.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(runs).toBe(1);
  });

  it('answers 409 IDEMPOTENCY_KEY_IN_PROGRESS while the first attempt is still running', async () => {
    gate = new Promise((resolve) => (openGate = resolve));
    const first = post('k-1', { sku: 'A' });
    while (runs === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const during = await post('k-1', { sku: 'A' });
    openGate();
    expect(during.statusCode).toBe(409);
    expect(during.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_IN_PROGRESS' });
    expect((await first).statusCode).toBe(201);
    expect((await post('k-1', { sku: 'A' })).headers['idempotent-replayed']).toBe('true');
  });

  it('releases the key when the first attempt fails with a 5xx, so a retry runs again', async () => {
    expect((await post('k-1', { sku: 'fail' })).statusCode).toBe(500);
    const retry = await post('k-1', { sku: 'fail' });
    expect(retry.statusCode).toBe(500);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(runs).toBe(2);
  });

  it('scopes keys by principal, so two callers never see each other’s responses', async () => {
    await post('k-1', { sku: 'A' }, { 'x-test-principal': 'api-key-1' });
    const other = await post('k-1', { sku: 'B' }, { 'x-test-principal': 'api-key-2' });
    expect(other.statusCode).toBe(201);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect(runs).toBe(2);
  });

  it('forgets a key once it expires', async () => {
    await post('k-1', { sku: 'A' });
    clock.advance(HOUR + 1);
    const later = await post('k-1', { sku: 'B' });
    expect(later.statusCode).toBe(201);
    expect(runs).toBe(2);
    expect(await store.purgeExpired()).toBe(0);
    clock.advance(HOUR + 1);
    expect(await store.purgeExpired()).toBe(1);
  });

  it('lets a new attempt take over a key whose first attempt never finished', async () => {
    const claim = await store.claim({ scope: '', key: 'k-1' }, 'some-hash');
    expect(claim.outcome).toBe('claimed');
    clock.advance(60_001);
    expect((await store.claim({ scope: '', key: 'k-1' }, 'some-hash')).outcome).toBe('claimed');
    // The stale attempt cannot complete the key it lost.
    if (claim.outcome === 'claimed')
      await store.complete({ scope: '', key: 'k-1' }, claim.attemptId, {
        status: 200,
        headers: {},
        body: 'stale',
      });
    expect((await store.claim({ scope: '', key: 'k-1' }, 'some-hash')).outcome).toBe('in_progress');
  });

  it('processes every request without the header, and ignores the header on routes that did not opt in', async () => {
    await post(undefined, { sku: 'A' });
    await post(undefined, { sku: 'A' });
    await post('k-1', { sku: 'A' }, {}, '/plain');
    await post('k-1', { sku: 'A' }, {}, '/plain');
    expect(runs).toBe(4);
  });

  it('rejects a malformed key with 400 before running the command', async () => {
    const response = await post('has space', { sku: 'A' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: '/headers/idempotency-key' }],
    });
    expect(runs).toBe(0);
  });

  it('does not take a key for a request that fails validation', async () => {
    expect((await post('k-1', { nope: 1 })).statusCode).toBe(400);
    expect((await post('k-1', { sku: 'A' })).statusCode).toBe(201);
  });

  it('documents the Idempotency-Key header in OpenAPI on the routes that take it', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{
      paths: Record<string, { post: { parameters?: { name: string; in: string }[] } }>;
    }>();
    expect(spec.paths['/orders']?.post.parameters).toContainEqual(
      expect.objectContaining({ name: 'idempotency-key', in: 'header' }),
    );
    expect(spec.paths['/plain']?.post.parameters ?? []).not.toContainEqual(
      expect.objectContaining({ name: 'idempotency-key' }),
    );
  });
});

describe.each(testDatabases())('idempotency keys under concurrent first attempts on $name', (database) => {
  it('runs the command once when the same request races itself', async () => {
    const opened = await database.open({ migrations: [...platformMigrations, ...httpMigrations] });
    const app = await createHttpApp({
      logger: createLogger({ level: 'silent' }),
      idempotency: createIdempotencyStore(opened.db),
    });
    let runs = 0;
    app.post('/orders', { config: { idempotent: true } }, async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { ok: true };
    });
    try {
      const responses = await Promise.all(
        Array.from({ length: 8 }, () =>
          app.inject({ method: 'POST', url: '/orders', payload: {}, headers: { 'idempotency-key': 'race' } }),
        ),
      );
      expect(runs).toBe(1);
      expect(
        responses.filter((r) => r.statusCode === 200 && r.headers['idempotent-replayed'] === undefined),
      ).toHaveLength(1);
      expect(responses.every((r) => r.statusCode === 200 || r.statusCode === 409)).toBe(true);
    } finally {
      await app.close();
      await opened.close();
    }
  });
});
