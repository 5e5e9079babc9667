import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '@omnistream/testing';
import { openCatalogTestApp, type CatalogTestApp } from '../catalog-test-app.fixture.js';

const tee = {
  sku: 'TEE-RED-M',
  name: 'Red tee',
  description: 'A red cotton tee.',
  attributes: { colour: 'red', weightGrams: 180.5, organic: true, size: '42' },
  images: [{ url: 'https://img.example.com/tee-red.jpg', alt: 'Red tee, front' }],
};

describe.each(testDatabases())('catalog products over HTTP on $name', (target) => {
  let catalog: CatalogTestApp;
  beforeAll(async () => {
    catalog = await openCatalogTestApp(target);
  });
  afterAll(async () => {
    await catalog.close();
  });

  const request = (method: 'GET' | 'POST' | 'PATCH', url: string, body?: object, headers = {}) =>
    catalog.app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body }) });

  const expectRefused = (...args: Parameters<CatalogTestApp['expectRefused']>) =>
    catalog.expectRefused(...args);

  it('creates a product and reads it back with its version as ETag, attribute types intact', async () => {
    const created = await request('POST', '/catalog/products', tee);
    expect(created.statusCode).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.headers.location).toBe('/catalog/products/TEE-RED-M');
    const expected = {
      ...tee,
      status: 'active',
      version: 1,
      createdAt: '2025-06-01T09:00:00.000Z',
      updatedAt: '2025-06-01T09:00:00.000Z',
    };
    expect(created.json()).toEqual(expected);
    const read = await request('GET', '/catalog/products/TEE-RED-M');
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe('"1"');
    expect(read.json()).toEqual(expected);
  });

  it('defaults description, attributes and images to empty', async () => {
    const created = await request('POST', '/catalog/products', { sku: 'MUG-1', name: 'Mug' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ description: '', attributes: {}, images: [] });
  });

  it('updates with If-Match, and answers 409 with the actual version when it is stale', async () => {
    catalog.clock.advance(60_000);
    const updated = await request(
      'PATCH',
      '/catalog/products/TEE-RED-M',
      { name: 'Crimson tee' },
      { 'if-match': '"1"' },
    );
    expect(updated.statusCode).toBe(200);
    expect(updated.headers.etag).toBe('"2"');
    expect(updated.json()).toMatchObject({
      name: 'Crimson tee',
      description: tee.description,
      version: 2,
      updatedAt: '2025-06-01T09:01:00.000Z',
    });
    const stale = await expectRefused(
      () => request('PATCH', '/catalog/products/TEE-RED-M', { name: 'Scarlet tee' }, { 'if-match': '"1"' }),
      409,
      'STREAM_VERSION_CONFLICT',
    );
    expect(stale).toMatchObject({ details: { actualVersion: 2 } });
    expect((await request('GET', '/catalog/products/TEE-RED-M')).json()).toMatchObject({
      name: 'Crimson tee',
    });
  });

  it('replaces attributes and images whole, and writes nothing for an update that changes nothing', async () => {
    const updated = await request('PATCH', '/catalog/products/TEE-RED-M', {
      attributes: { size: 'M' },
      images: [],
    });
    expect(updated.json()).toMatchObject({ attributes: { size: 'M' }, images: [], version: 3 });
    const before = await catalog.eventCount();
    const same = await request('PATCH', '/catalog/products/TEE-RED-M', { attributes: { size: 'M' } });
    expect(same.statusCode).toBe(200);
    expect(same.headers.etag).toBe('"3"');
    expect(await catalog.eventCount()).toBe(before);
  });

  it('refuses a bad If-Match with a reason', async () => {
    await expectRefused(
      () => request('PATCH', '/catalog/products/TEE-RED-M', { name: 'x' }, { 'if-match': 'yesterday' }),
      400,
      'INVALID_PRECONDITION',
    );
  });

  it('discontinues a product, which then refuses updates but stays readable', async () => {
    const discontinued = await request('POST', '/catalog/products/MUG-1/discontinue');
    expect(discontinued.statusCode).toBe(200);
    expect(discontinued.json()).toMatchObject({
      status: 'discontinued',
      discontinuedAt: '2025-06-01T09:01:00.000Z',
    });
    await expectRefused(
      () => request('PATCH', '/catalog/products/MUG-1', { name: 'Cup' }),
      422,
      'PRODUCT_DISCONTINUED',
    );
    expect((await request('GET', '/catalog/products/MUG-1')).json()).toMatchObject({
      status: 'discontinued',
    });
  });

  it.each([
    ['a product that exists', { ...tee }, 422, 'PRODUCT_ALREADY_EXISTS', /exists already/],
    ['a blank name', { sku: 'B-1', name: '  ' }, 400, 'INVALID_PRODUCT_NAME', /1 to 200 characters/],
    ['a SKU with a space', { sku: 'B 1', name: 'B' }, 400, 'VALIDATION_FAILED', /\/body\/sku/],
    ['an unknown field', { sku: 'B-1', name: 'B', colour: 'red' }, 400, 'VALIDATION_FAILED', /colour/],
    [
      'an attribute holding a list',
      { sku: 'B-1', name: 'B', attributes: { sizes: ['S'] } },
      400,
      'INVALID_PRODUCT_ATTRIBUTES',
      /sizes must be a string/,
    ],
    [
      'attributes as a list',
      { sku: 'B-1', name: 'B', attributes: ['red'] },
      400,
      'VALIDATION_FAILED',
      /\/body\/attributes must be object/,
    ],
    [
      'an image that is not on the web',
      { sku: 'B-1', name: 'B', images: [{ url: 'file:///a.jpg' }] },
      400,
      'INVALID_PRODUCT_IMAGES',
      /http or https/,
    ],
    [
      'a bad attribute name',
      { sku: 'B-1', name: 'B', attributes: { '1st': 'x' } },
      400,
      'INVALID_PRODUCT_ATTRIBUTES',
      /start with a letter/,
    ],
  ])('refuses to create with %s', async (_case, body, status, code, detail) => {
    await expectRefused(() => request('POST', '/catalog/products', body), status, code, detail);
  });

  it('refuses an update naming no field, and one of a product that does not exist', async () => {
    await expectRefused(
      () => request('PATCH', '/catalog/products/TEE-RED-M', {}),
      400,
      'INVALID_PRODUCT_UPDATE',
    );
    await expectRefused(
      () => request('PATCH', '/catalog/products/NOPE', { name: 'x' }),
      404,
      'PRODUCT_NOT_FOUND',
    );
    await expectRefused(() => request('GET', '/catalog/products/NOPE'), 404, 'PRODUCT_NOT_FOUND');
  });

  it('lists products in SKU order, page by page with a cursor', async () => {
    for (const sku of ['P-3', 'P-1', 'P-5', 'P-2', 'P-4'])
      expect((await request('POST', '/catalog/products', { sku, name: sku })).statusCode).toBe(201);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page += 1) {
      const response = await request(
        'GET',
        `/catalog/products?limit=3${cursor === undefined ? '' : `&cursor=${cursor}`}`,
      );
      expect(response.statusCode).toBe(200);
      const body = response.json<{ items: { sku: string }[]; next?: string }>();
      expect(body.items.length).toBeLessThanOrEqual(3);
      seen.push(...body.items.map((item) => item.sku));
      cursor = body.next;
      if (cursor === undefined) break;
    }
    expect(seen).toEqual(['MUG-1', 'P-1', 'P-2', 'P-3', 'P-4', 'P-5', 'TEE-RED-M']);
    const active = await request('GET', '/catalog/products?status=discontinued');
    expect(active.json<{ items: { sku: string }[] }>().items.map((item) => item.sku)).toEqual(['MUG-1']);
    await expectRefused(() => request('GET', '/catalog/products?cursor=not-ours'), 400, 'INVALID_CURSOR');
  });

  it('replays a create sent again with the same Idempotency-Key', async () => {
    const body = { sku: 'IDEM-1', name: 'Once' };
    const first = await request('POST', '/catalog/products', body, { 'idempotency-key': 'create-idem-1' });
    const again = await request('POST', '/catalog/products', body, { 'idempotency-key': 'create-idem-1' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
  });

  it('writes through the contracts: the store refuses catalog events that break them, as the server does', async () => {
    await expect(
      catalog.store.append('product-ROGUE', [
        { type: 'ProductCreated', data: { sku: 'ROGUE', name: 'No dates' } },
      ]),
    ).rejects.toThrow(/catalog.product-ProductCreated/);
    expect(await catalog.store.streamVersion('product-ROGUE')).toBe(0);
  });

  it('documents the routes in OpenAPI', async () => {
    const spec = (await request('GET', '/docs/json')).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/catalog/products',
        '/catalog/products/{sku}',
        '/catalog/products/{sku}/discontinue',
        '/catalog/price-lists',
        '/catalog/price-lists/{priceListId}/prices/{sku}',
        '/catalog/prices',
      ]),
    );
  });
});
