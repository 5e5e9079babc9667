import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '@omnistream/testing';
import { openCatalogTestApp, type CatalogTestApp } from '../catalog-test-app.fixture.js';

const day = (date: string) => `${date}T00:00:00.000Z`;

describe.each(testDatabases())('catalog price lists and effective prices over HTTP on $name', (target) => {
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
  const prices = async (query: string) => {
    const response = await request('GET', `/catalog/prices?${query}`);
    expect(response.statusCode).toBe(200);
    return response.json<{
      currency?: string;
      at: string;
      prices: {
        sku: string;
        amount: number;
        regularAmount: number;
        promotionId?: string;
        validUntil?: string;
      }[];
      notPriced: string[];
    }>();
  };

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

  it('answers effective prices now, with when each answer next changes', async () => {
    expect(await prices('skus=TEE-1,TEE-2,NOPE&market=GB&channel=web')).toEqual({
      market: 'GB',
      channel: 'web',
      currency: 'GBP',
      at: day('2025-06-01'),
      prices: [
        { sku: 'TEE-1', currency: 'GBP', amount: 1000, regularAmount: 1000, validUntil: day('2025-07-01') },
        { sku: 'TEE-2', currency: 'GBP', amount: 500, regularAmount: 500 },
      ],
      notPriced: ['NOPE'],
    });
  });

  it('applies the later window while it runs, then falls back', async () => {
    const july = await prices(`skus=TEE-1&market=GB&channel=web&at=${day('2025-07-15')}`);
    expect(july.prices).toEqual([
      { sku: 'TEE-1', currency: 'GBP', amount: 1200, regularAmount: 1200, validUntil: day('2025-08-01') },
    ]);
    const august = await prices(`skus=TEE-1&market=GB&channel=web&at=${day('2025-08-01')}`);
    expect(august.prices).toEqual([{ sku: 'TEE-1', currency: 'GBP', amount: 1000, regularAmount: 1000 }]);
    expect((await prices(`skus=TEE-1&market=GB&channel=web&at=${day('2024-12-31')}`)).notPriced).toEqual([
      'TEE-1',
    ]);
  });

  it('schedules a promotion and applies the best one while it runs', async () => {
    const scheduled = await request('POST', '/catalog/price-lists/gb-web/promotions', {
      promotionId: 'summer',
      name: 'Summer sale',
      skus: ['TEE-1', 'TEE-2'],
      discount: { kind: 'percent', percent: 15 },
      validFrom: day('2025-06-10'),
      validTo: day('2025-06-20'),
    });
    expect(scheduled.statusCode).toBe(201);
    expect(scheduled.json()).toEqual({
      promotionId: 'summer',
      name: 'Summer sale',
      skus: ['TEE-1', 'TEE-2'],
      discount: { kind: 'percent', percent: 15 },
      validFrom: day('2025-06-10'),
      validTo: day('2025-06-20'),
      status: 'scheduled',
    });
    const flat = await request('POST', '/catalog/price-lists/gb-web/promotions', {
      promotionId: 'two-off',
      name: 'Two pounds off tees',
      skus: ['TEE-2'],
      discount: { kind: 'amount_off', amount: 200 },
      validFrom: day('2025-06-15'),
      validTo: day('2025-06-16'),
    });
    expect(flat.statusCode).toBe(201);

    expect((await prices('skus=TEE-1&market=GB&channel=web')).prices[0]?.validUntil).toBe(day('2025-06-10'));
    const during = await prices(`skus=TEE-1,TEE-2&market=GB&channel=web&at=${day('2025-06-12')}`);
    expect(during.prices).toEqual([
      {
        sku: 'TEE-1',
        currency: 'GBP',
        amount: 850,
        regularAmount: 1000,
        promotionId: 'summer',
        validUntil: day('2025-06-20'),
      },
      {
        sku: 'TEE-2',
        currency: 'GBP',
        amount: 425,
        regularAmount: 500,
        promotionId: 'summer',
        validUntil: day('2025-06-15'),
      },
    ]);
    const both = await prices(`skus=TEE-2&market=GB&channel=web&at=2025-06-15T12:00:00Z`);
    expect(both.prices).toEqual([
      {
        sku: 'TEE-2',
        currency: 'GBP',
        amount: 300,
        regularAmount: 500,
        promotionId: 'two-off',
        validUntil: day('2025-06-16'),
      },
    ]);
  });

  it('shows the list with its promotions and pages through its entries', async () => {
    const list = await request('GET', '/catalog/price-lists/gb-web');
    expect(list.headers.etag).toBe('"7"');
    expect(
      list.json<{ promotions: { promotionId: string }[] }>().promotions.map((p) => p.promotionId),
    ).toEqual(['summer', 'two-off']);
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

  it('cancels a promotion and removes a price entry', async () => {
    const cancelled = await request('DELETE', '/catalog/price-lists/gb-web/promotions/summer', undefined, {
      'if-match': '"7"',
    });
    expect(cancelled.statusCode).toBe(204);
    expect(cancelled.headers.etag).toBe('"8"');
    expect(
      (await prices(`skus=TEE-1&market=GB&channel=web&at=${day('2025-06-12')}`)).prices[0],
    ).toMatchObject({
      amount: 1000,
    });
    const removed = await request(
      'DELETE',
      `/catalog/price-lists/gb-web/prices/TEE-1?validFrom=${encodeURIComponent('2025-07-01T00:00:00Z')}`,
    );
    expect(removed.statusCode).toBe(204);
    expect(
      (await prices(`skus=TEE-1&market=GB&channel=web&at=${day('2025-07-15')}`)).prices[0],
    ).toMatchObject({
      amount: 1000,
    });
    const list = await request('GET', '/catalog/price-lists/gb-web');
    expect(
      list.json<{ promotions: { promotionId: string; status: string }[] }>().promotions[0],
    ).toMatchObject({
      promotionId: 'summer',
      status: 'cancelled',
    });
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
    expect((await prices('skus=SKU-0,SKU-204&market=NL&channel=web')).prices.map((p) => p.amount)).toEqual([
      100, 304,
    ]);
  });

  it('asks for a currency where a market and channel price in several, and pools lists of one currency', async () => {
    for (const [priceListId, currency] of [
      ['ie-web-eur', 'EUR'],
      ['ie-web-gbp', 'GBP'],
      ['ie-web-eur-2', 'EUR'],
    ] as const)
      expect(
        (
          await request('POST', '/catalog/price-lists', {
            priceListId,
            name: priceListId,
            market: 'IE',
            channel: 'web',
            currency,
          })
        ).statusCode,
      ).toBe(201);
    await setPrice('TEE-1', { amount: 1100, validFrom: day('2025-01-01') }, 'ie-web-eur');
    await setPrice('TEE-1', { amount: 1050, validFrom: day('2025-05-01') }, 'ie-web-eur-2');
    await setPrice('TEE-1', { amount: 950, validFrom: day('2025-01-01') }, 'ie-web-gbp');
    const ambiguous = await expectRefused(
      () => request('GET', '/catalog/prices?skus=TEE-1&market=IE&channel=web'),
      422,
      'CURRENCY_REQUIRED',
      /EUR, GBP/,
    );
    expect(ambiguous).toMatchObject({ details: { currencies: ['EUR', 'GBP'] } });
    expect((await prices('skus=TEE-1&market=IE&channel=web&currency=EUR')).prices).toEqual([
      { sku: 'TEE-1', currency: 'EUR', amount: 1050, regularAmount: 1050 },
    ]);
    expect((await prices('skus=TEE-1&market=IE&channel=web&currency=GBP')).prices[0]?.amount).toBe(950);
    expect(await prices('skus=TEE-1&market=FR&channel=web')).toMatchObject({
      prices: [],
      notPriced: ['TEE-1'],
    });
  });
});
