import { Writable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '@omnistream/kernel';
import { createLogger } from '@omnistream/observability';
import { createHttpApp, type HttpApp } from './create-http-app.js';

const logged: string[] = [];
const destination = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logged.push(chunk.toString());
    done();
  },
});

const PlaceOrder = Type.Object(
  {
    sku: Type.String({ minLength: 1 }),
    lines: Type.Array(Type.Object({ quantity: Type.Integer({ minimum: 1 }) })),
  },
  { additionalProperties: false },
);

describe('createHttpApp', () => {
  let app: HttpApp;
  beforeEach(async () => {
    logged.length = 0;
    app = await createHttpApp({
      logger: createLogger({ destination, level: 'info' }),
      openApi: { title: 'Test', version: '1.2.3' },
    });
    app.post(
      '/orders',
      { schema: { body: PlaceOrder, response: { 201: Type.Object({ sku: Type.String() }) } } },
      (request, reply) => {
        reply.code(201);
        return { sku: request.body.sku };
      },
    );
    app.post('/conflict', () => {
      throw new DomainError('STREAM_VERSION_CONFLICT', 'order-1 is at version 3, not 2', {
        actualVersion: 3,
      });
    });
    app.post('/rule', () => {
      throw new DomainError('INSUFFICIENT_STOCK', 'only 2 left');
    });
    app.get('/boom', () => {
      throw new Error('password=hunter2 at db.internal:5432');
    });
  });
  afterEach(() => app.close());

  it('answers a valid request through its TypeBox schema', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/orders',
      payload: { sku: 'A-1', lines: [{ quantity: 1 }] },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ sku: 'A-1' });
  });

  it('maps a DomainError code to its status as problem+json with the stable code and details', async () => {
    const response = await app.inject({ method: 'POST', url: '/conflict' });
    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      code: 'STREAM_VERSION_CONFLICT',
      detail: 'order-1 is at version 3, not 2',
      details: { actualVersion: 3 },
    });
    expect(response.json<{ requestId: string }>().requestId).toEqual(expect.any(String));
  });

  it('answers 422 for a DomainError code it has no entry for', async () => {
    const response = await app.inject({ method: 'POST', url: '/rule' });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'INSUFFICIENT_STOCK', detail: 'only 2 left' });
  });

  it('rejects an invalid body with 400 and the path of the bad field', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/orders',
      payload: { sku: 'A-1', lines: [{ quantity: 0 }] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: '/body/lines/0/quantity' }],
    });
  });

  it('names a missing property and an unknown one by their own paths', async () => {
    const missing = await app.inject({ method: 'POST', url: '/orders', payload: { lines: [] } });
    expect(missing.json()).toMatchObject({ status: 400, errors: [{ path: '/body/sku' }] });
    const unknown = await app.inject({
      method: 'POST',
      url: '/orders',
      payload: { sku: 'A', lines: [], coupon: 'X' },
    });
    expect(unknown.json()).toMatchObject({
      status: 400,
      errors: [{ path: '/body/coupon', message: 'is not a known property' }],
    });
  });

  it('answers malformed JSON with 400, never 500', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/orders',
      headers: { 'content-type': 'application/json' },
      payload: '{"sku": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'INVALID_JSON_BODY' });
  });

  it('answers an unsupported media type with 415', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/orders',
      headers: { 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('hides an unexpected error behind a 500 problem but logs it with its stack', async () => {
    const response = await app.inject({ method: 'GET', url: '/boom' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toMatchObject({ code: 'INTERNAL_ERROR', status: 500 });
    expect(response.body).not.toMatch(/hunter2|db\.internal|stack/);
    expect(logged.join('')).toMatch(/hunter2/);
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await app.inject({ method: 'GET', url: '/nowhere?x=1' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({
      code: 'ROUTE_NOT_FOUND',
      detail: 'there is no route GET /nowhere',
    });
  });

  it('serves an OpenAPI 3.1 document of the routes at /docs/json and the UI at /docs', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{
      openapi: string;
      info: unknown;
      paths: Record<string, unknown>;
    }>();
    expect(spec.openapi).toMatch(/^3\.1\./);
    expect(spec.info).toMatchObject({ title: 'Test', version: '1.2.3' });
    expect(Object.keys(spec.paths)).toContain('/orders');
    const ui = await app.inject({ method: 'GET', url: '/docs' });
    const page =
      ui.statusCode === 302 ? await app.inject({ method: 'GET', url: ui.headers.location ?? '' }) : ui;
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });

  it('takes a request id from X-Request-Id so a caller can follow its request into the logs', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/boom',
      headers: { 'x-request-id': 'trace-me' },
    });
    expect(response.json()).toMatchObject({ requestId: 'trace-me' });
  });
});
