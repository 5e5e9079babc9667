import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '@omnistream/testing';
import { openInventoryApp, type InventoryApp } from './inventory-app.fixture.js';

const scope = { priceListId: 'gb-web', market: 'GB', channel: 'web', currency: 'GBP' };
const london = { lat: 51.507, lon: -0.128 };

describe.each(testDatabases())('availability with prices and delivery points on $name', (database) => {
  let inventory: InventoryApp;
  const get = async (query: string) => {
    await inventory.inventory.view.caughtUp();
    return inventory.app.inject({ method: 'GET', url: `/inventory/availability?channel=web-gb&${query}` });
  };
  /** What the catalog publishes (contracts/catalog), appended as the catalog context would. */
  const publishPrices = (events: { type: string; data: object }[]) =>
    inventory.store.append('pricelist-gb-web', events);

  beforeAll(async () => {
    inventory = await openInventoryApp(database);
    const call = (method: 'POST' | 'PUT', url: string, payload: object) =>
      inventory.app.inject({ method, url, payload });
    const stores = [
      { id: 'store-westminster', lat: 51.5, lon: -0.13 },
      { id: 'store-croydon', lat: 51.37, lon: -0.1 },
      { id: 'store-leeds', lat: 53.8, lon: -1.55 },
    ];
    for (const s of stores)
      await call('PUT', `/inventory/locations/${s.id}`, {
        name: s.id,
        type: 'store',
        market: 'GB',
        lat: s.lat,
        lon: s.lon,
        dailyCapacity: 100,
        capabilities: ['pick_up', 'ship_from_store'],
      });
    await call('PUT', '/inventory/channels/web-gb', {
      market: 'GB',
      priceChannel: 'web',
      currency: 'GBP',
      locationTypes: ['store'],
    });
    for (const s of stores)
      await call('POST', '/inventory/stock/TEE-1/receipts', { locationId: s.id, quantity: 2 });
  });
  afterAll(async () => inventory.close());

  it('answers the price the channel sells at, promotion applied, from the catalog price list events', async () => {
    await publishPrices([
      {
        type: 'PriceSet',
        data: { ...scope, sku: 'TEE-1', amount: 2000, validFrom: '2020-01-01T00:00:00.000Z', validTo: null },
      },
      {
        type: 'PriceSet',
        data: {
          ...scope,
          currency: 'EUR',
          sku: 'TEE-1',
          amount: 2500,
          validFrom: '2020-01-01T00:00:00.000Z',
          validTo: null,
        },
      },
      {
        type: 'PromotionScheduled',
        data: {
          ...scope,
          promotionId: 'black-friday',
          name: 'Black Friday',
          skus: ['TEE-1'],
          discount: { kind: 'percent', percent: 25 },
          validFrom: '2020-01-01T00:00:00.000Z',
          validTo: '2099-01-01T00:00:00.000Z',
        },
      },
    ]);
    const item = (await get('skus=TEE-1,MUG-1')).json<{ items: { sku: string; price: unknown }[] }>().items;
    expect(item).toEqual([
      expect.objectContaining({
        sku: 'TEE-1',
        available: 6,
        price: {
          amount: 1500,
          regularAmount: 2000,
          currency: 'GBP',
          promotionId: 'black-friday',
          validUntil: '2099-01-01T00:00:00.000Z',
        },
      }),
      { sku: 'MUG-1', available: 0, price: null, locations: [] },
    ]);
    await publishPrices([{ type: 'PromotionCancelled', data: { ...scope, promotionId: 'black-friday' } }]);
    expect((await get('skus=TEE-1')).json()).toMatchObject({
      items: [{ price: { amount: 2000, regularAmount: 2000 } }],
    });
  });

  it('lists locations nearest a delivery point first, with distances, and keeps to a radius', async () => {
    const all = (await get(`skus=TEE-1&lat=${london.lat}&lon=${london.lon}`)).json<{
      items: { available: number; locations: { locationId: string; distanceKm: number }[] }[];
    }>().items[0];
    expect(all?.locations.map((l) => l.locationId)).toEqual([
      'store-westminster',
      'store-croydon',
      'store-leeds',
    ]);
    expect(all?.locations[0]?.distanceKm).toBeLessThan(2);
    expect(all?.locations[2]?.distanceKm).toBeGreaterThan(250);
    const near = (await get(`skus=TEE-1&lat=${london.lat}&lon=${london.lon}&radiusKm=25`)).json<{
      items: { available: number; locations: { locationId: string }[] }[];
    }>().items[0];
    expect(near).toMatchObject({ available: 4 });
    expect(near?.locations.map((l) => l.locationId)).toEqual(['store-westminster', 'store-croydon']);
  });

  it('refuses half a delivery point, a radius without one, and a location together with one', async () => {
    for (const query of [
      'skus=TEE-1&lat=51.5',
      'skus=TEE-1&radiusKm=5',
      'skus=TEE-1&lat=51&lon=0&locationId=store-leeds',
    ]) {
      const response = await get(query);
      expect(response.statusCode, query).toBe(400);
      expect(response.json()).toMatchObject({ code: 'INVALID_DELIVERY_POINT' });
    }
  });
});
