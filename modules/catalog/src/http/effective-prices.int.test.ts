import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '@omnistream/testing';
import { openCatalogTestApp, type CatalogTestApp } from '../catalog-test-app.fixture.js';

const day = (date: string) => `${date}T00:00:00.000Z`;

describe.each(testDatabases())('catalog effective prices over HTTP on $name', (target) => {
  let catalog: CatalogTestApp;
  beforeAll(async () => {
    catalog = await openCatalogTestApp(target, { now: day('2025-06-01') });
    const list = { priceListId: 'gb-web', name: 'GB web', market: 'GB', channel: 'web', currency: 'GBP' };
    expect((await request('POST', '/catalog/price-lists', list)).statusCode).toBe(201);
    for (const [sku, body] of [
      ['TEE-1', { amount: 1000, validFrom: day('2025-01-01') }],
      ['TEE-1', { amount: 1200, validFrom: day('2025-07-01'), validTo: day('2025-08-01') }],
      ['TEE-2', { amount: 500, validFrom: day('2025-01-01'), validTo: null }],
      ['SOCK-1', { amount: 300, validFrom: day('2025-01-01') }],
    ] as const)
      expect((await setPrice(sku, body)).statusCode).toBe(200);
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
