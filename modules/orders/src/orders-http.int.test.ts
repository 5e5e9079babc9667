import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '@omnistream/testing';
import { openOrdersApp, type OrdersApp } from './orders-app.fixture.js';

const scope = { priceListId: 'gb-web', market: 'GB', channel: 'web', currency: 'GBP' };
const address = {
  name: 'Ada Lovelace',
  line1: '12 St James’s Square',
  city: 'London',
  postcode: 'SW1Y 4JH',
  country: 'GB',
  location: { lat: 51.507, lon: -0.134 },
};
const orderBody = (overrides: object = {}) => ({
  customerId: 'customer-1',
  channel: 'web',
  market: 'GB',
  currency: 'GBP',
  lines: [
    { sku: 'TEE-1', quantity: 2 },
    { sku: 'MUG-1', quantity: 1 },
  ],
  fulfilment: { type: 'ship_to_home', address },
  payment: { method: 'card', token: 'tok_sandbox_4111' },
  ...overrides,
});

describe.each(testDatabases())('placing and reading orders over HTTP on $name', (database) => {
  let orders: OrdersApp;
  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    orders.app.inject({ method: 'POST', url, payload, headers });
  const get = (url: string) => orders.app.inject({ method: 'GET', url });

  beforeAll(async () => {
    orders = await openOrdersApp(database);
    // What the catalog publishes (contracts/catalog), appended as the catalog context would.
    await orders.store.append('pricelist-gb-web', [
      { type: 'PriceListCreated', data: { ...scope, name: 'GB web', createdAt: '2020-01-01T00:00:00.000Z' } },
      {
        type: 'PriceSet',
        data: { ...scope, sku: 'TEE-1', amount: 2000, validFrom: '2020-01-01T00:00:00.000Z', validTo: null },
      },
      {
        type: 'PriceSet',
        data: { ...scope, sku: 'MUG-1', amount: 800, validFrom: '2020-01-01T00:00:00.000Z', validTo: null },
      },
      {
        type: 'PriceSet',
        data: {
          ...scope,
          sku: 'OLD-1',
          amount: 500,
          validFrom: '2020-01-01T00:00:00.000Z',
          validTo: '2021-01-01T00:00:00.000Z',
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
          validFrom: '2026-11-01T00:00:00.000Z',
          validTo: '2026-12-01T00:00:00.000Z',
        },
      },
    ]);
  });
  afterAll(async () => orders.close());

  it('prices each line from the price list at the moment of placing, promotion applied', async () => {
    const response = await post('/orders', orderBody(), { 'idempotency-key': 'place-1' });
    expect(response.statusCode, response.body).toBe(201);
    const order = response.json<{ orderId: string }>();
    expect(order).toMatchObject({
      customerId: 'customer-1',
      status: 'placed',
      salesChannel: 'web-gb',
      lines: [
        {
          lineId: 'l1',
          sku: 'TEE-1',
          quantity: 2,
          unitPrice: 1500,
          regularUnitPrice: 2000,
          promotionId: 'black-friday',
          lineTotal: 3000,
        },
        { lineId: 'l2', sku: 'MUG-1', quantity: 1, unitPrice: 800, regularUnitPrice: 800, lineTotal: 800 },
      ],
      totals: { currency: 'GBP', placed: 3800, current: 3800 },
      payment: { method: 'card', paymentId: null },
      history: [{ version: 1, type: 'OrderPlaced' }],
    });
    expect(order.orderId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.location).toBe(`/orders/${order.orderId}`);
    expect(response.body).not.toContain('tok_sandbox_4111');
    const [placed] = await orders.store.readStream(`order-${order.orderId}`);
    expect(placed?.data).toMatchObject({ total: 3800, placedAt: '2026-11-27T09:00:00.000Z' });
  });

  it('answers a repeated Idempotency-Key with the same order and writes nothing more', async () => {
    const first = await post('/orders', orderBody({ customerId: 'customer-2' }), {
      'idempotency-key': 'place-2',
    });
    const before = await orders.eventCount();
    const again = await post('/orders', orderBody({ customerId: 'customer-2' }), {
      'idempotency-key': 'place-2',
    });
    expect(again.statusCode).toBe(201);
    expect(again.json<{ orderId: string }>().orderId).toBe(first.json<{ orderId: string }>().orderId);
    expect(await orders.eventCount()).toBe(before);
  });

  it('takes the client’s order id, and a retry of the same order under it is the same order', async () => {
    const body = orderBody({ orderId: 'web-0001', customerId: 'customer-3' });
    expect((await post('/orders', body)).statusCode).toBe(201);
    const before = await orders.eventCount();
    const again = await post('/orders', body);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ orderId: 'web-0001', version: 1 });
    expect(await orders.eventCount()).toBe(before);
    await orders.expectRefused(
      () => post('/orders', { ...body, lines: [{ sku: 'MUG-1', quantity: 5 }] }),
      409,
      'ORDER_ID_CONFLICT',
    );
  });

  it('refuses bad orders with a clear 4xx and writes nothing', async () => {
    await orders.expectRefused(
      () =>
        post(
          '/orders',
          orderBody({
            lines: [
              { sku: 'TEE-1', quantity: 1 },
              { sku: 'NOPE-1', quantity: 1 },
            ],
          }),
        ),
      422,
      'SKU_NOT_PRICED',
      /NOPE-1/,
    );
    await orders.expectRefused(
      () => post('/orders', orderBody({ lines: [{ sku: 'OLD-1', quantity: 1 }] })),
      422,
      'SKU_NOT_PRICED',
      /OLD-1/,
    );
    await orders.expectRefused(
      () => post('/orders', orderBody({ currency: 'EUR' })),
      422,
      'CURRENCY_MISMATCH',
    );
    await orders.expectRefused(() => post('/orders', orderBody({ market: 'FR' })), 422, 'CURRENCY_MISMATCH');
    const zero = await post('/orders', orderBody({ lines: [{ sku: 'TEE-1', quantity: 0 }] }));
    expect(zero.statusCode).toBe(400);
    await orders.expectRefused(
      () => post('/orders', orderBody({ fulfilment: { type: 'ship_to_home' } })),
      400,
      'INVALID_ADDRESS',
    );
    const { location: _location, ...withoutLocation } = address;
    await orders.expectRefused(
      () => post('/orders', orderBody({ fulfilment: { type: 'ship_from_store', address: withoutLocation } })),
      400,
      'INVALID_ADDRESS',
      /location/,
    );
    await orders.expectRefused(
      () => post('/orders', orderBody({ fulfilment: { type: 'collect_in_store' } })),
      400,
      'INVALID_FULFILMENT',
    );
    const before = await orders.eventCount();
    for (const bad of [
      orderBody({ lines: [] }),
      orderBody({ currency: 'gbp' }),
      { ...orderBody(), extra: 1 },
    ])
      expect((await post('/orders', bad)).statusCode).toBe(400);
    expect(await orders.eventCount()).toBe(before);
  });

  it('lists a customer’s orders newest first, a page at a time', async () => {
    for (const n of [1, 2, 3])
      await post('/orders', orderBody({ customerId: 'customer-pages', orderId: `page-${n}` }));
    const first = (await get('/orders?customerId=customer-pages&limit=2')).json<{
      items: { orderId: string }[];
      nextCursor: string | null;
    }>();
    expect(first.items.map((o) => o.orderId)).toEqual(['page-3', 'page-2']);
    const second = (
      await get(`/orders?customerId=customer-pages&limit=2&cursor=${first.nextCursor ?? ''}`)
    ).json<{
      items: { orderId: string }[];
      nextCursor: string | null;
    }>();
    expect(second).toEqual({ items: [expect.objectContaining({ orderId: 'page-1' })], nextCursor: null });
  });

  it('answers 404 for an order that does not exist', async () => {
    const response = await get('/orders/no-such-order');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'ORDER_NOT_FOUND' });
  });
});
