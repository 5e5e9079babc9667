import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '@omnistream/observability';
import { testDatabaseConfigs } from '@omnistream/testing';
import { parseConfig } from './config/parse-config.js';
import { createServer, type Server } from './create-server.js';

const logger = createLogger({ level: 'silent' });

describe.each(testDatabaseConfigs())('createServer on $name', (shape) => {
  let server: Server;
  let drop: () => Promise<void>;
  let closed: boolean;
  beforeEach(async () => {
    const database = await shape.create();
    drop = database.drop;
    closed = false;
    server = await createServer(parseConfig({ database: database.config }), { logger });
  });
  afterEach(async () => {
    if (!closed) await server.close();
    await drop();
  });

  it('applies every migration on first start', () =>
    expect(server.applied).toEqual([
      '0001-event-store',
      '0001-event-store-append-one',
      '0002-idempotency-keys',
      '0003-projections',
      '0004-schema-registry',
      '0005-messaging',
      '0005-messaging-null-keys',
      '0006-sagas',
      '0101-hub-tokenization',
      '0102-hub-dedup',
      '0103-hub-topics',
      '0104-hub-api-keys',
      '0105-hub-event-history',
      '0106-hub-api-key-rate-limits',
    ]));

  it('reports health with the kind of database it runs on', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: shape.name });
  });

  it('serves Prometheus metrics: the feed gauges, request durations and process metrics', async () => {
    await server.app.inject({ method: 'GET', url: '/health' });
    const response = await server.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.body).toMatch(/^omnistream_feed_oldest_open_transaction_seconds /m);
    expect(response.body).toMatch(
      /^omnistream_http_request_duration_seconds_count\{method="GET",route="\/health",status_code="200"\} 1$/m,
    );
    expect(response.body).toMatch(/^process_resident_memory_bytes /m);
  });

  it('answers 503 problem+json when the database is gone', async () => {
    await server.database.close();
    const response = await server.app.inject({ method: 'GET', url: '/health' });
    await server.app.close();
    closed = true;
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
  });

  it('lets an in-flight request finish when closed, and refuses new connections after', async () => {
    let arrived!: () => void;
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    server.app.get('/slow', async () => {
      arrived();
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { done: true };
    });
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    const slow = fetch(`${url}/slow`);
    await arrival;
    await server.close();
    const response = await slow;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ done: true });
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });
});

describe('createServer on a PGlite data dir', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'omnistream-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps its data across restarts and applies nothing the second time', async () => {
    const config = parseConfig({ database: { kind: 'pglite', dataDir: join(dir, 'nested', 'data') } });
    const first = await createServer(config, { logger });
    // A private event (no contract): what is checked here is that it survives the restart.
    await first.eventStore.append('note-1', [{ type: 'NoteTaken', data: { text: 'kept' } }]);
    await first.close();
    const second = await createServer(config, { logger });
    try {
      expect(second.applied).toEqual([]);
      expect(await second.eventStore.streamVersion('note-1')).toBe(1);
    } finally {
      await second.close();
    }
  });
});
