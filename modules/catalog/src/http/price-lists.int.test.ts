import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '@omnistream/testing';
import { openCatalogTestApp, type CatalogTestApp } from '../catalog-test-app.fixture.js';

const day = (date: string) => `${date}T00:00:00.000Z`;

describe.each(testDatabases())('catalog price lists over HTTP on $name', (target) => {
  let catalog: CatalogTestApp;
  beforeAll(async () => {
    catalog = await openCatalogTestApp(target, { now: day('2025-06-01') });
  });
  afterAll(async () => {
    await catalog.close();
  });

  const request = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: object, headers = {}) =>
    catalog.app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body }) });
  const setPrice = (sku: string, body: object, list = 'gb-web', headers = {}) =>
    request('PUT', `/catalog/price-lists/${list}/prices/${sku}`, body, headers);
  const expectRefused = (...args: Parameters<CatalogTestApp['expectRefused']>) =>
    catalog.expectRefused(...args);

  it('creates a price list for a market, channel and currency', async () => {
    const created = await request('POST', '/catalog/price-lists', {
      priceListId: 'gb-web',
      name: 'GB web',
      market: 'GB',
      channel: 'web',
      currency: 'GBP',
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.headers.location).toBe('/catalog/price-lists/gb-web');
    expect(created.json()).toEqual({
      priceListId: 'gb-web',
      name: 'GB web',
      market: 'GB',
      channel: 'web',
      currency: 'GBP',
      version: 1,
      createdAt: day('2025-06-01'),
      promotions: [],
    });
  });

  it('generates a price list id when none is given', async () => {
    const created = await request('POST', '/catalog/price-lists', {
      name: 'GB app',
      market: 'GB',
      channel: 'app',
      currency: 'GBP',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json<{ priceListId: string }>().priceListId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets prices with validity windows, in canonical UTC', async () => {
    const base = await setPrice('TEE-1', { amount: 1000, validFrom: '2025-01-01T00:00:00Z' });
    expect(base.statusCode).toBe(200);
    expect(base.headers.etag).toBe('"2"');
    expect(base.json()).toEqual({
      priceListId: 'gb-web',
      sku: 'TEE-1',
      currency: 'GBP',
      amount: 1000,
      validFrom: day('2025-01-01'),
      validTo: null,
      version: 2,
    });
    const july = await setPrice('TEE-1', {
      amount: 1200,
      validFrom: '2025-07-01T01:00:00+01:00',
      validTo: '2025-08-01T00:00:00Z',
    });
    expect(july.json()).toMatchObject({
      validFrom: day('2025-07-01'),
      validTo: day('2025-08-01'),
      version: 3,
    });
    expect(
      (await setPrice('TEE-2', { amount: 500, validFrom: day('2025-01-01'), validTo: null })).statusCode,
    ).toBe(200);
    expect(
      (await setPrice('SOCK-1', { amount: 300, validFrom: day('2025-01-01'), currency: 'GBP' })).statusCode,
    ).toBe(200);
  });

  it('shows the list with its version and pages through its entries', async () => {
    const list = await request('GET', '/catalog/price-lists/gb-web');
    expect(list.headers.etag).toBe('"5"');
    expect(list.json()).toMatchObject({ priceListId: 'gb-web', version: 5, promotions: [] });
    const first = await request('GET', '/catalog/price-lists/gb-web/prices?limit=2');
    const firstPage = first.json<{ items: { sku: string; validFrom: string }[]; next: string }>();
    expect(firstPage.items.map((e) => `${e.sku}@${e.validFrom}`)).toEqual([
      `SOCK-1@${day('2025-01-01')}`,
      `TEE-1@${day('2025-01-01')}`,
    ]);
    const second = await request(
      'GET',
      `/catalog/price-lists/gb-web/prices?limit=2&cursor=${firstPage.next}`,
    );
    const secondPage = second.json<{ items: { sku: string; validFrom: string }[]; next?: string }>();
    expect(secondPage.items.map((e) => `${e.sku}@${e.validFrom}`)).toEqual([
      `TEE-1@${day('2025-07-01')}`,
      `TEE-2@${day('2025-01-01')}`,
    ]);
    expect(secondPage.next).toBeUndefined();
    const one = await request('GET', '/catalog/price-lists/gb-web/prices?sku=TEE-2');
    expect(one.json<{ items: unknown[] }>().items).toHaveLength(1);
  });

  it('shows promotions on the list as scheduled, then cancelled', async () => {
    const promotion = {
      promotionId: 'spring',
      name: 'Spring',
      skus: ['TEE-2'],
      discount: { kind: 'amount_off', amount: 50 },
      validFrom: day('2025-03-01'),
      validTo: day('2025-04-01'),
    };
    expect((await request('POST', '/catalog/price-lists/gb-web/promotions', promotion)).statusCode).toBe(201);
    const again = await request('POST', '/catalog/price-lists/gb-web/promotions', promotion);
    expect(again.statusCode).toBe(201);
    expect(again.headers.etag).toBe('"6"');
    const read = async () =>
      (await request('GET', '/catalog/price-lists/gb-web')).json<{ promotions: object[] }>().promotions;
    expect(await read()).toEqual([{ ...promotion, status: 'scheduled' }]);
    const cancelled = await request('DELETE', '/catalog/price-lists/gb-web/promotions/spring', undefined, {
      'if-match': '"6"',
    });
    expect(cancelled.statusCode).toBe(204);
    expect(cancelled.headers.etag).toBe('"7"');
    expect(await read()).toEqual([{ ...promotion, status: 'cancelled' }]);
    const twice = await request('DELETE', '/catalog/price-lists/gb-web/promotions/spring');
    expect(twice.statusCode).toBe(204);
    expect(twice.headers.etag).toBe('"7"');
  });

  it('removes a price entry by SKU and validFrom, however the time is written', async () => {
    const removed = await request(
      'DELETE',
      `/catalog/price-lists/gb-web/prices/TEE-1?validFrom=${encodeURIComponent('2025-07-01T01:00:00+01:00')}`,
    );
    expect(removed.statusCode).toBe(204);
    expect(removed.headers.etag).toBe('"8"');
    const entries = await request('GET', '/catalog/price-lists/gb-web/prices?sku=TEE-1');
    expect(entries.json<{ items: { validFrom: string }[] }>().items.map((e) => e.validFrom)).toEqual([
      day('2025-01-01'),
    ]);
  });

  it.each([
    [
      'a fractional amount',
      () => setPrice('TEE-1', { amount: 12.5, validFrom: day('2025-01-01') }),
      400,
      'VALIDATION_FAILED',
      /\/body\/amount must be integer/,
    ],
    [
      'a negative amount',
      () => setPrice('TEE-1', { amount: -1, validFrom: day('2025-01-01') }),
      400,
      'VALIDATION_FAILED',
      /\/body\/amount/,
    ],
    [
      'validTo before validFrom',
      () => setPrice('TEE-1', { amount: 100, validFrom: day('2025-02-01'), validTo: day('2025-01-01') }),
      400,
      'INVALID_VALIDITY_WINDOW',
      /must be after validFrom/,
    ],
    [
      'a time without a zone',
      () => setPrice('TEE-1', { amount: 100, validFrom: '2025-02-01T00:00:00' }),
      400,
      'VALIDATION_FAILED',
      /validFrom/,
    ],
    [
      'a date that does not exist',
      () => setPrice('TEE-1', { amount: 100, validFrom: '2025-02-30T00:00:00Z' }),
      400,
      'VALIDATION_FAILED',
      /validFrom/,
    ],
    [
      'an unknown price list',
      () => setPrice('TEE-1', { amount: 100, validFrom: day('2025-01-01') }, 'nope'),
      404,
      'PRICE_LIST_NOT_FOUND',
      /no price list nope/,
    ],
    [
      'another currency than the list',
      () => setPrice('TEE-1', { amount: 100, validFrom: day('2025-01-01'), currency: 'EUR' }),
      422,
      'CURRENCY_MISMATCH',
      /is in GBP/,
    ],
    [
      'a stale If-Match',
      () => setPrice('TEE-1', { amount: 100, validFrom: day('2025-01-01') }, 'gb-web', { 'if-match': '"2"' }),
      409,
      'STREAM_VERSION_CONFLICT',
    ],
    [
      'a lower-case currency',
      () =>
        request('POST', '/catalog/price-lists', { name: 'x', market: 'GB', channel: 'web', currency: 'gbp' }),
      400,
      'VALIDATION_FAILED',
      /\/body\/currency must match pattern/,
    ],
    [
      'a price list that exists',
      () =>
        request('POST', '/catalog/price-lists', {
          priceListId: 'gb-web',
          name: 'x',
          market: 'GB',
          channel: 'web',
          currency: 'GBP',
        }),
      422,
      'PRICE_LIST_ALREADY_EXISTS',
    ],
    [
      'a promotion without SKUs',
      () =>
        request('POST', '/catalog/price-lists/gb-web/promotions', {
          name: 'x',
          skus: [],
          discount: { kind: 'percent', percent: 10 },
          validFrom: day('2025-06-01'),
          validTo: day('2025-06-02'),
        }),
      400,
      'INVALID_PROMOTION_SKUS',
    ],
    [
      'a percent discount with an amount',
      () =>
        request('POST', '/catalog/price-lists/gb-web/promotions', {
          name: 'x',
          skus: ['TEE-1'],
          discount: { kind: 'percent', percent: 10, amount: 5 },
          validFrom: day('2025-06-01'),
          validTo: day('2025-06-02'),
        }),
      400,
      'INVALID_DISCOUNT',
      /not amount/,
    ],
    [
      'a promotion on an unknown list',
      () =>
        request('POST', '/catalog/price-lists/nope/promotions', {
          name: 'x',
          skus: ['TEE-1'],
          discount: { kind: 'percent', percent: 10 },
          validFrom: day('2025-06-01'),
          validTo: day('2025-06-02'),
        }),
      404,
      'PRICE_LIST_NOT_FOUND',
    ],
    [
      'removing a price that is not there',
      () => request('DELETE', `/catalog/price-lists/gb-web/prices/TEE-1?validFrom=${day('2020-01-01')}`),
      404,
      'PRICE_NOT_FOUND',
    ],
    [
      'cancelling an unknown promotion',
      () => request('DELETE', '/catalog/price-lists/gb-web/promotions/nope'),
      404,
      'PROMOTION_NOT_FOUND',
    ],
    [
      'reading an unknown list',
      () => request('GET', '/catalog/price-lists/nope'),
      404,
      'PRICE_LIST_NOT_FOUND',
    ],
    [
      'prices of a bad SKU',
      () => request('GET', '/catalog/prices?skus=A,B%20C&market=GB&channel=web'),
      400,
      'INVALID_SKU',
    ],
    [
      'prices in a lower-case market',
      () => request('GET', '/catalog/prices?skus=A&market=gb&channel=web'),
      400,
      'VALIDATION_FAILED',
      /market/,
    ],
  ])('refuses %s with a reason and writes nothing', async (_case, send, status, code, detail?: RegExp) => {
    await expectRefused(send, status, code, detail);
  });

  it('keeps a long price list working from its snapshot', async () => {
    expect(
      (
        await request('POST', '/catalog/price-lists', {
          priceListId: 'long',
          name: 'Long',
          market: 'NL',
          channel: 'web',
          currency: 'EUR',
        })
      ).statusCode,
    ).toBe(201);
    for (let i = 0; i < 205; i += 1)
      expect(
        (await setPrice(`SKU-${i}`, { amount: 100 + i, validFrom: day('2025-01-01') }, 'long')).statusCode,
      ).toBe(200);
    const [snapshot] = await catalog.opened.db.query<{ version: number }>(
      `select version::int as version from omnistream.snapshots where stream_id = 'pricelist-long'`,
    );
    expect(snapshot?.version).toBe(200);
    const before = await catalog.eventCount();
    // Decided on the snapshot plus the events after it: an entry set before the snapshot is known to be so.
    const same = await setPrice('SKU-7', { amount: 107, validFrom: day('2025-01-01') }, 'long');
    expect(same.json()).toMatchObject({ amount: 107, version: 206 });
    expect(await catalog.eventCount()).toBe(before);
    const last = await request('GET', '/catalog/price-lists/long/prices?sku=SKU-204');
    expect(last.json()).toMatchObject({ items: [{ sku: 'SKU-204', amount: 304 }] });
  });
});
