import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@omnistream/observability';
import { testDatabaseConfigs } from '@omnistream/testing';
import { parseConfig } from '../config/parse-config.js';
import { createServer, type Server } from '../create-server.js';

const logger = createLogger({ level: 'silent' });

describe.each(testDatabaseConfigs())('the event store over HTTP on $name', (shape) => {
  let server: Server;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const database = await shape.create();
    drop = database.drop;
    server = await createServer(parseConfig({ database: database.config }), { logger });
  });
  afterAll(async () => {
    await server.close();
    await drop();
  });

  const append = (streamId: string, body: unknown, headers: Record<string, string> = {}) =>
    server.app.inject({
      method: 'POST',
      url: `/streams/${encodeURIComponent(streamId)}`,
      payload: body as object,
      headers,
    });
  const count = async () =>
    (await server.database.query<{ n: number }>('select count(*)::int as n from omnistream.events'))[0]?.n;

  it('appends with If-None-Match: * and reads the stream back with its version as ETag', async () => {
    const created = await append(
      'cart-1',
      { events: [{ type: 'ItemAdded', data: { sku: 'A-1', quantity: 2 } }] },
      { 'if-none-match': '*' },
    );
    expect(created.statusCode).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    const read = await server.app.inject({ method: 'GET', url: '/streams/cart-1' });
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe('"1"');
    expect(read.json()).toMatchObject({
      streamId: 'cart-1',
      version: 1,
      events: [{ type: 'ItemAdded', version: 1, data: { sku: 'A-1', quantity: 2 } }],
    });
  });

  it('answers 409 with the actual version when If-Match is stale', async () => {
    await append('cart-2', { events: [{ type: 'ItemAdded', data: {} }] });
    const stale = await append(
      'cart-2',
      { events: [{ type: 'ItemAdded', data: {} }] },
      { 'if-match': '"0"' },
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.json()).toMatchObject({ code: 'STREAM_VERSION_CONFLICT' });
    expect(
      (await append('cart-2', { events: [{ type: 'ItemAdded', data: {} }] }, { 'if-match': '"1"' }))
        .statusCode,
    ).toBe(201);
  });

  it('replays a repeated Idempotency-Key without appending twice', async () => {
    const body = { events: [{ type: 'ItemAdded', data: { n: 1 } }] };
    const first = await append('cart-3', body, { 'idempotency-key': 'add-cart-3-once' });
    const again = await append('cart-3', body, { 'idempotency-key': 'add-cart-3-once' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect((await server.app.inject({ method: 'GET', url: '/streams/cart-3' })).json()).toMatchObject({
      version: 1,
    });
  });

  it.each([
    ['a bad stream id', 'no category', { events: [{ type: 'A', data: {} }] }, {}, 400, 'INVALID_STREAM_ID'],
    ['an empty batch', 'cart-9', { events: [] }, {}, 400, 'VALIDATION_FAILED'],
    ['an event without a type', 'cart-9', { events: [{ data: {} }] }, {}, 400, 'VALIDATION_FAILED'],
    [
      'an unknown field',
      'cart-9',
      { events: [{ type: 'A', data: {}, colour: 'red' }] },
      {},
      400,
      'VALIDATION_FAILED',
    ],
    [
      'a NUL character in data',
      'cart-9',
      { events: [{ type: 'A', data: { s: 'a\u0000b' } }] },
      {},
      400,
      'EVENT_NOT_SERIALIZABLE',
    ],
    [
      'a malformed If-Match',
      'cart-9',
      { events: [{ type: 'A', data: {} }] },
      { 'if-match': 'latest' },
      400,
      'INVALID_PRECONDITION',
    ],
    [
      'an oversize body',
      'cart-9',
      { events: [{ type: 'A', data: { blob: 'x'.repeat(2 * 1024 * 1024) } }] },
      {},
      413,
      'BODY_TOO_LARGE',
    ],
  ])(
    'refuses %s with a 4xx problem and writes nothing',
    async (_what, stream, body, headers, status, code) => {
      const before = await count();
      const response = await append(stream, body, headers);
      expect(response.statusCode).toBe(status);
      expect(response.json()).toMatchObject({ code });
      expect(await count()).toBe(before);
    },
  );

  it('pages through the global feed with a cursor', async () => {
    const seen: string[] = [];
    let after = '';
    for (;;) {
      const page = await server.app.inject({
        method: 'GET',
        url: `/feed?limit=2${after === '' ? '' : `&after=${after}`}`,
      });
      expect(page.statusCode).toBe(200);
      const { events, next } = page.json<{ events: { id: string }[]; next: string }>();
      if (events.length === 0) break;
      seen.push(...events.map((e) => e.id));
      after = next;
    }
    expect(seen).toHaveLength((await count()) ?? -1);
    expect((await server.app.inject({ method: 'GET', url: '/feed?after=nonsense' })).json()).toMatchObject({
      code: 'INVALID_FEED_CURSOR',
    });
    expect((await server.app.inject({ method: 'GET', url: '/streams/cart-404' })).statusCode).toBe(404);
  });
});
