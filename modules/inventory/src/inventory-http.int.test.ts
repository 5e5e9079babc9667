import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '@omnistream/testing';
import { openInventoryApp, seedNetwork, type InventoryApp } from './inventory-app.fixture.js';

describe.each(testDatabases())('inventory over HTTP on $name', (database) => {
  let inventory: InventoryApp;
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    inventory.app.inject({ method, url, ...(payload === undefined ? {} : { payload }) });
  const receive = (sku: string, locationId: string, quantity: number) =>
    call('POST', `/inventory/stock/${sku}/receipts`, { locationId, quantity });
  const reserve = (reservationId: string, sku: string, quantity: number, extra: object = {}) =>
    call('POST', '/inventory/reservations', { reservationId, sku, channel: 'web-gb', quantity, ...extra });
  const available = async (sku: string, query = '') => {
    await inventory.inventory.view.caughtUp();
    const response = await call('GET', `/inventory/availability?skus=${sku}&channel=web-gb${query}`);
    return response.json<{ items: { available: number; locations: unknown[] }[] }>().items[0];
  };

  beforeAll(async () => {
    inventory = await openInventoryApp(database, { expirySweepIntervalMs: 100 });
    await seedNetwork(inventory.app);
    await inventory.inventory.view.caughtUp();
  });
  afterAll(async () => inventory.close());

  it('promises on hand less reserved less safety stock, per location and in all', async () => {
    await receive('SKU-A', 'dc-1', 10);
    await receive('SKU-A', 'store-a', 4);
    await call('POST', '/inventory/stock/SKU-A/safety-stock', { locationId: 'store-a', quantity: 1 });
    await reserve('r-a1', 'SKU-A', 2);

    expect(await available('SKU-A')).toEqual({
      sku: 'SKU-A',
      available: 11,
      price: null,
      locations: [
        { locationId: 'dc-1', available: 8 },
        { locationId: 'store-a', available: 3 },
      ],
    });
    expect((await available('SKU-A', '&locationId=store-a'))?.available).toBe(3);
  });

  it('frees released units and takes committed ones out of stock', async () => {
    await receive('SKU-B', 'store-b', 5);
    expect((await reserve('r-b1', 'SKU-B', 2, { locationId: 'store-b' })).statusCode).toBe(201);
    expect((await reserve('r-b2', 'SKU-B', 3, { locationId: 'store-b' })).statusCode).toBe(201);
    expect(
      (await call('POST', '/inventory/reservations/r-b1/release', { reason: 'payment declined' })).json(),
    ).toMatchObject({ status: 'released' });
    expect((await call('POST', '/inventory/reservations/r-b1/release', { reason: 'again' })).statusCode).toBe(
      200,
    );
    expect((await call('POST', '/inventory/reservations/r-b2/commit', {})).json()).toMatchObject({
      status: 'committed',
    });

    expect((await available('SKU-B'))?.available).toBe(2);
    const stream = await inventory.store.readStream('stock-SKU-B');
    expect(stream.map((e) => e.type)).toEqual([
      'StockReceived',
      'StockReserved',
      'StockReserved',
      'ReservationReleased',
      'ReservationCommitted',
    ]);
  });

  it('answers a retried reservation with the one already held', async () => {
    await receive('SKU-C', 'dc-1', 3);
    expect((await reserve('r-c1', 'SKU-C', 2)).statusCode).toBe(201);
    const again = await reserve('r-c1', 'SKU-C', 2);
    expect(again.statusCode).toBe(200);
    expect((await available('SKU-C'))?.available).toBe(1);
  });

  it('releases reservations once they expire', async () => {
    await receive('SKU-D', 'dc-1', 1);
    expect((await reserve('r-d1', 'SKU-D', 1, { ttlSeconds: 1 })).statusCode).toBe(201);
    expect((await available('SKU-D'))?.available).toBe(0);
    await expect
      .poll(async () => (await call('GET', '/inventory/reservations/r-d1')).json<unknown>(), {
        timeout: 5000,
        interval: 100,
      })
      .toMatchObject({ status: 'expired' });
    expect((await available('SKU-D'))?.available).toBe(1);
  });

  it('promises nothing from a closed location', async () => {
    await receive('SKU-E', 'store-b', 4);
    await call('POST', '/inventory/locations/store-b/close', { reason: 'flooded' });
    expect((await available('SKU-E'))?.available).toBe(0);
    expect((await reserve('r-e1', 'SKU-E', 1)).json()).toMatchObject({ code: 'INSUFFICIENT_STOCK' });
    await call('POST', '/inventory/locations/store-b/reopen', {});
    expect((await available('SKU-E'))?.available).toBe(4);
  });

  it('refuses bad input with a 4xx that says what to fix, and writes nothing', async () => {
    const cases = [
      [await receive('SKU-F', 'nowhere', 1), 404, 'LOCATION_NOT_FOUND'],
      [await receive('SKU-F', 'dc-1', 0), 400, undefined],
      [
        await call('POST', '/inventory/reservations', {
          reservationId: 'r-f',
          sku: 'SKU-F',
          channel: 'nope',
          quantity: 1,
        }),
        404,
        'SALES_CHANNEL_NOT_FOUND',
      ],
      [await reserve('r-f', 'SKU F', 1), 400, undefined],
      [
        await call('POST', '/inventory/stock/SKU-F/adjustments', {
          locationId: 'dc-1',
          delta: -1,
          reason: 'lost',
        }),
        422,
        'NEGATIVE_STOCK',
      ],
      [await call('GET', '/inventory/reservations/missing'), 404, 'RESERVATION_NOT_FOUND'],
    ] as const;
    for (const [response, status, code] of cases) {
      expect(response.statusCode).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      if (code !== undefined) expect(response.json()).toMatchObject({ code });
    }
    expect(await inventory.store.streamVersion('stock-SKU-F')).toBe(0);
  });
});
