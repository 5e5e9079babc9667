import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '@omnistream/testing';
import { openOrdersApp, type OrdersApp } from './orders-app.fixture.js';

const scope = { priceListId: 'gb-web', market: 'GB', channel: 'web', currency: 'GBP' };
const from = '2020-01-01T00:00:00.000Z';
const address = {
  name: 'Ada Lovelace',
  line1: '12 St James’s Square',
  city: 'London',
  postcode: 'SW1Y 4JH',
  country: 'GB',
  location: { lat: 51.507, lon: -0.134 },
};
const tee = { lineId: 'l1', sku: 'TEE-1', quantity: 2 };
const mug = { lineId: 'l2', sku: 'MUG-1', quantity: 1 };

describe.each(testDatabases())('an order’s life over HTTP and saga commands on $name', (database) => {
  let orders: OrdersApp;
  const call = (method: 'POST' | 'PUT' | 'GET', url: string, payload?: object) =>
    orders.app.inject({ method, url, ...(payload === undefined ? {} : { payload }) });
  const place = async (orderId: string, fulfilment: object) => {
    const response = await call('POST', '/orders', {
      orderId,
      customerId: 'customer-life',
      channel: 'web',
      market: 'GB',
      currency: 'GBP',
      lines: [
        { sku: 'TEE-1', quantity: 2 },
        { sku: 'MUG-1', quantity: 1 },
      ],
      fulfilment,
      payment: { method: 'card', token: 'tok_sandbox_4111' },
    });
    expect(response.statusCode, response.body).toBe(201);
  };
  /** The saga's steps up to release, each sent twice as a redelivering consumer would. */
  const reserveAndPay = async (orderId: string) => {
    for (const command of [
      {
        type: 'RecordStockReserved',
        data: {
          orderId,
          reservations: [
            { lineId: 'l1', reservationId: `${orderId}-r1` },
            { lineId: 'l2', reservationId: `${orderId}-r2` },
          ],
        },
      },
      { type: 'RecordPaymentAuthorised', data: { orderId, paymentId: `pay-${orderId}`, amount: 3800 } },
    ] as const) {
      const first = await orders.orders.execute(command);
      expect(first.events).toHaveLength(1);
      expect(JSON.parse(JSON.stringify(first))).toEqual(first); // the saga reply carries it as JSON
      expect((await orders.orders.execute(command)).events).toHaveLength(0);
    }
  };
  const details = async (orderId: string) =>
    (await call('GET', `/orders/${orderId}`)).json<Record<string, unknown>>();

  beforeAll(async () => {
    orders = await openOrdersApp(database);
    await orders.store.append('pricelist-gb-web', [
      { type: 'PriceSet', data: { ...scope, sku: 'TEE-1', amount: 1500, validFrom: from, validTo: null } },
      { type: 'PriceSet', data: { ...scope, sku: 'MUG-1', amount: 800, validFrom: from, validTo: null } },
    ]);
  });
  afterAll(async () => orders.close());

  it('carries a split home delivery through pick lists, a rejection, dispatch and delivery to a refund', async () => {
    await place('life-home', { type: 'ship_to_home', address });
    await reserveAndPay('life-home');
    const release = {
      type: 'ReleaseOrder' as const,
      data: {
        orderId: 'life-home',
        shipments: [
          { shipmentId: 'sh-a', locationId: 'store-a', mode: 'ship' as const, lines: [tee] },
          { shipmentId: 'sh-b', locationId: 'dc-1', mode: 'ship' as const, lines: [mug] },
        ],
        unfulfillableLineIds: [],
      },
    };
    await orders.orders.execute(release);
    expect((await orders.orders.execute(release)).events).toHaveLength(0);
    const pickList = (await call('GET', '/orders/pick-lists/store-a')).json<unknown>();
    expect(pickList).toMatchObject({
      locationId: 'store-a',
      shipments: [{ orderId: 'life-home', shipmentId: 'sh-a', lines: [tee] }],
    });

    const rejected = await call('POST', '/orders/life-home/shipments/sh-a/reject', {
      reason: 'damaged stock',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect((await call('GET', '/orders/pick-lists/store-a')).json()).toEqual({
      locationId: 'store-a',
      shipments: [],
    });
    await orders.orders.execute({
      type: 'ReleaseOrder',
      data: {
        orderId: 'life-home',
        shipments: [{ shipmentId: 'sh-c', locationId: 'store-b', mode: 'ship', lines: [tee] }],
        unfulfillableLineIds: [],
      },
    });
    for (const shipmentId of ['sh-c', 'sh-b']) {
      expect((await call('POST', `/orders/life-home/shipments/${shipmentId}/picked`, {})).statusCode).toBe(
        200,
      );
      expect((await call('POST', `/orders/life-home/shipments/${shipmentId}/picked`, {})).statusCode).toBe(
        200,
      );
      await orders.orders.execute({
        type: 'RecordShipmentDispatched',
        data: { orderId: 'life-home', shipmentId, carrier: 'ups', trackingNumber: `1Z-${shipmentId}` },
      });
      await orders.orders.execute({
        type: 'RecordShipmentDelivered',
        data: { orderId: 'life-home', shipmentId },
      });
    }
    expect((await call('GET', '/orders/pick-lists/store-b')).json()).toEqual({
      locationId: 'store-b',
      shipments: [],
    });
    await orders.orders.execute({
      type: 'RecordPaymentCaptured',
      data: { orderId: 'life-home', paymentId: 'pay-life-home', amount: 3800 },
    });
    expect(await details('life-home')).toMatchObject({
      status: 'delivered',
      shipments: [
        { shipmentId: 'sh-a', status: 'rejected' },
        { shipmentId: 'sh-b', status: 'delivered', carrier: 'ups', trackingNumber: '1Z-sh-b' },
        { shipmentId: 'sh-c', status: 'delivered' },
      ],
      payment: { paymentId: 'pay-life-home', authorised: 3800, captured: 3800 },
    });

    const requested = await call('POST', '/orders/life-home/returns', {
      returnId: 'ret-1',
      lines: [{ lineId: 'l1', quantity: 1 }],
      reason: 'too small',
    });
    expect(requested.statusCode, requested.body).toBe(201);
    expect((await call('POST', '/orders/life-home/returns/ret-1/received', {})).statusCode).toBe(200);
    await orders.orders.execute({
      type: 'RecordRefund',
      data: { orderId: 'life-home', returnId: 'ret-1', paymentId: 'pay-life-home', amount: 1500 },
    });
    const events = await orders.store.readStream('order-life-home');
    expect(events.find((e) => e.type === 'OrderReturnReceived')?.data).toMatchObject({ refundAmount: 1500 });
    expect(await details('life-home')).toMatchObject({
      returns: [{ returnId: 'ret-1', amount: 1500, status: 'refunded' }],
      totals: { refunded: 1500 },
    });
    expect(((await details('life-home')).history as { type: string }[]).map((h) => h.type)).toContain(
      'OrderDelivered',
    );
  });

  it('queues a collect-in-store order at its store until it is collected', async () => {
    await place('life-collect', { type: 'collect_in_store', storeId: 'store-a' });
    await reserveAndPay('life-collect');
    await orders.orders.execute({
      type: 'ReleaseOrder',
      data: {
        orderId: 'life-collect',
        shipments: [{ shipmentId: 'pu-1', locationId: 'store-a', mode: 'pick_up', lines: [tee, mug] }],
        unfulfillableLineIds: [],
      },
    });
    await orders.expectRefused(
      () => call('POST', '/orders/life-collect/collected', {}),
      422,
      'ORDER_NOT_READY_FOR_COLLECTION',
    );
    expect((await call('POST', '/orders/life-collect/shipments/pu-1/picked', {})).statusCode).toBe(200);
    await orders.orders.execute({
      type: 'MarkReadyForCollection',
      data: { orderId: 'life-collect', storeId: 'store-a' },
    });
    expect((await call('GET', '/orders/collection-queue/store-a')).json()).toMatchObject({
      storeId: 'store-a',
      orders: [{ orderId: 'life-collect', customerId: 'customer-life', lines: [tee, mug] }],
    });
    expect((await call('POST', '/orders/life-collect/collected', { storeId: 'store-a' })).statusCode).toBe(
      200,
    );
    expect((await call('GET', '/orders/collection-queue/store-a')).json()).toEqual({
      storeId: 'store-a',
      orders: [],
    });
    expect(await details('life-collect')).toMatchObject({ status: 'collected' });
  });

  it('changes and cancels before release, and refuses after it without writing', async () => {
    await place('life-cancel', { type: 'ship_to_home', address });
    const moved = { ...address, line1: '1 Horse Guards Road', postcode: 'SW1A 2HQ' };
    const changed = await call('PUT', '/orders/life-cancel/delivery-address', moved);
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ fulfilment: { address: { line1: '1 Horse Guards Road' } } });
    const lines = await call('POST', '/orders/life-cancel/lines/cancel', { lineIds: ['l2'] });
    expect(lines.json()).toMatchObject({
      totals: { current: 3000 },
      lines: [{ status: 'open' }, { status: 'cancelled' }],
    });
    await orders.expectRefused(
      () => call('POST', '/orders/life-cancel/lines/cancel', { lineIds: ['l9'] }),
      404,
      'ORDER_LINE_NOT_FOUND',
    );
    const cancelled = await call('POST', '/orders/life-cancel/cancel', { reason: 'changed my mind' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });

    await place('life-late', { type: 'ship_to_home', address });
    await reserveAndPay('life-late');
    await orders.orders.execute({
      type: 'ReleaseOrder',
      data: {
        orderId: 'life-late',
        shipments: [{ shipmentId: 'late-1', locationId: 'dc-1', mode: 'ship', lines: [tee, mug] }],
        unfulfillableLineIds: [],
      },
    });
    await orders.expectRefused(
      () => call('POST', '/orders/life-late/cancel', {}),
      422,
      'ORDER_ALREADY_RELEASED',
    );
    await orders.expectRefused(
      () => call('PUT', '/orders/life-late/delivery-address', moved),
      422,
      'ORDER_ALREADY_RELEASED',
    );
    await orders.expectRefused(
      () => call('POST', '/orders/life-late/shipments/nope/picked', {}),
      404,
      'ORDER_SHIPMENT_NOT_FOUND',
    );
    await orders.expectRefused(
      () =>
        call('POST', '/orders/life-late/returns', { lines: [{ lineId: 'l1', quantity: 1 }], reason: 'x' }),
      422,
      'ORDER_NOT_RETURNABLE',
    );
    await orders.expectRefused(() => call('POST', '/orders/nope/cancel', {}), 404, 'ORDER_NOT_FOUND');
    await expect(
      orders.orders.execute({ type: 'PlaceOrder', data: { orderId: 'x' } } as never),
    ).rejects.toMatchObject({ code: 'INVALID_COMMAND' });
  });
});
