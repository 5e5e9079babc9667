import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@omnistream/observability';
import { testDatabaseConfigs } from '@omnistream/testing';
import { parseConfig } from './config/parse-config.js';
import { createServer, type Server } from './create-server.js';
import { dcNorth, home, storeSoho, webGb } from './order-flow-shop.fixture.js';

interface OrderView {
  status: string;
  shipments: { shipmentId: string; locationId: string; status?: string }[];
  payment?: { captured: number; refunded: number } | null;
}

describe.each(testDatabaseConfigs())('the order flow through the embedded server on $name', (shape) => {
  let server: Server;
  let drop: () => Promise<void>;
  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const response = await server.app.inject({ method, url, ...(payload === undefined ? {} : { payload }) });
    if (response.statusCode >= 500)
      throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response;
  };
  const order = async (orderId: string) => (await call('GET', `/orders/${orderId}`)).json<OrderView>();
  const until = async (
    orderId: string,
    done: (o: OrderView) => boolean,
    what: string,
  ): Promise<OrderView> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const current = await order(orderId);
      if (done(current)) return current;
      if (Date.now() > deadline)
        throw new Error(`order ${orderId} never ${what}: ${JSON.stringify(current)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const available = async (sku: string) => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const body = (await call('GET', `/inventory/availability?skus=${sku}&channel=web-gb`)).json<{
      items: { available: number }[];
    }>();
    return body.items[0]?.available;
  };
  const shipHome = { type: 'ship_to_home', address: home };
  /** A tee only the DC has and a mug only Soho has: a split between the two. */
  const teeAndMug = [
    { sku: 'TEE-1', quantity: 1 },
    { sku: 'MUG-1', quantity: 1 },
  ];
  const collectAtSoho = { type: 'collect_in_store', storeId: 'store-soho' };
  /** POST /orders on the web channel in GB, paid by card. */
  const placeOrder = (
    orderId: string,
    customerId: string,
    lines: readonly { sku: string; quantity: number }[],
    fulfilment: object,
    token = '4111111111111111',
  ) =>
    call('POST', '/orders', {
      orderId,
      customerId,
      channel: 'web',
      market: 'GB',
      currency: 'GBP',
      lines,
      fulfilment,
      payment: { method: 'card', token },
    });
  const place = (orderId: string, token: string, quantity = 2) =>
    placeOrder(orderId, 'c-1', [{ sku: 'TEE-1', quantity }], shipHome, token);

  beforeAll(async () => {
    const database = await shape.create();
    drop = database.drop;
    server = await createServer(
      parseConfig({
        database: database.config,
        payments: {
          providers: { sandbox: { secret: 'order-flow-test-sandbox-secret', webhookDelayMs: 10 } },
        },
        shipments: { carriers: { sandbox: { trackingStepMs: 50 } } },
        // Long enough for the collect test to collect, short enough to see an uncollected order given back.
        orders: { collectionTimeoutMs: 3_000 },
      }),
      { logger: createLogger({ level: 'silent' }) },
    );
    const ok = async (method: 'POST' | 'PUT', url: string, payload: object) => {
      const response = await call(method, url, payload);
      expect(response.statusCode, `${url}: ${response.body}`).toBeLessThan(300);
    };
    await ok('PUT', '/inventory/locations/dc-north', dcNorth(1000));
    await ok('PUT', '/inventory/channels/web-gb', webGb);
    await ok('PUT', '/inventory/locations/store-soho', storeSoho(200));
    await ok('POST', '/inventory/stock/TEE-1/receipts', { locationId: 'dc-north', quantity: 10 });
    await ok('POST', '/inventory/stock/MUG-1/receipts', { locationId: 'store-soho', quantity: 5 });
    await ok('POST', '/catalog/price-lists', {
      priceListId: 'gb-web',
      name: 'GB web',
      market: 'GB',
      channel: 'web',
      currency: 'GBP',
    });
    await ok('PUT', '/catalog/price-lists/gb-web/prices/TEE-1', {
      amount: 1500,
      validFrom: '2020-01-01T00:00:00.000Z',
    });
    await ok('PUT', '/catalog/price-lists/gb-web/prices/MUG-1', {
      amount: 800,
      validFrom: '2020-01-01T00:00:00.000Z',
    });
  });
  afterAll(async () => {
    await server?.close();
    await drop?.();
  });

  it('takes a home delivery from placed to delivered: reserved, paid, sourced, picked, shipped, captured', async () => {
    const placed = await place('flow-1', '4111111111111111');
    expect(placed.statusCode, placed.body).toBe(201);
    const released = await until('flow-1', (o) => o.status === 'released', 'was released');
    const [shipment] = released.shipments;
    expect(shipment).toBeDefined();
    const picked = await call('POST', `/orders/flow-1/shipments/${shipment?.shipmentId ?? ''}/picked`, {});
    expect(picked.statusCode, picked.body).toBe(200);
    await until('flow-1', (o) => o.status === 'delivered', 'was delivered');
    const payment = (await call('GET', '/payments/flow-1-payment')).json<{
      payment: { status: string; captured: number };
    }>();
    expect(payment.payment).toMatchObject({ status: 'captured', captured: 3000 });
    expect(await available('TEE-1')).toBe(8);
    const flow = (await call('GET', '/sagas/orderFlow/flow-1')).json<{
      status: string;
      state: { order: { payment: { token: string } } };
      steps: { step: string }[];
      history: unknown[];
    }>();
    expect(flow.status).toBe('running');
    expect(flow.state.order.payment.token).toBe('[redacted]');
    expect(flow.steps.map((s) => s.step)).toEqual(
      expect.arrayContaining(['reserve', 'authorise', 'source#1']),
    );
    expect(flow.history.length).toBeGreaterThan(5);
    expect((await call('GET', '/sagas/orderFlow/nobody')).statusCode).toBe(404);

    // Event history: the order's journey, each event with where it went (relay) and what consumers made of it.
    type Journey = { events: { type: string | null; hops: { hop: string; outcome: string }[] }[] };
    let journey: Journey = { events: [] };
    const deadline = Date.now() + 20_000;
    for (;;) {
      const found = (await call('GET', '/hub/events?type=OrderPlaced&limit=500')).json<{
        events: { correlationId: string | null; payload: { orderId?: string } | null }[];
      }>();
      const placedEvent = found.events.find((e) => e.payload?.orderId === 'flow-1');
      if (placedEvent?.correlationId != null) {
        const answer = await call('GET', `/hub/journeys/${encodeURIComponent(placedEvent.correlationId)}`);
        journey = answer.json<Journey>();
        const hops = journey.events.flatMap((e) => e.hops);
        if (hops.some((h) => h.hop === 'consumer' && h.outcome === 'delivered')) break;
      }
      if (Date.now() > deadline) throw new Error(`no journey with consumer hops: ${JSON.stringify(journey)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(journey.events[0]?.type).toBe('OrderPlaced');
    expect(journey.events.length).toBeGreaterThan(3);
    const hops = journey.events.flatMap((e) => e.hops);
    expect(hops).toContainEqual(expect.objectContaining({ hop: 'relay', outcome: 'published' }));
    expect(hops).toContainEqual(expect.objectContaining({ hop: 'consumer', outcome: 'delivered' }));
  });

  it('fails an order whose payment is refused and gives its stock back', async () => {
    expect((await place('flow-2', '4000000000000002')).statusCode).toBe(201);
    await until('flow-2', (o) => o.status === 'failed', 'failed');
    expect(await available('TEE-1')).toBe(8);
  });

  it('fails an order there is not enough stock for, holding nothing', async () => {
    expect((await place('flow-3', '4111111111111111', 9)).statusCode).toBe(201);
    await until('flow-3', (o) => o.status === 'failed', 'failed');
    expect(await available('TEE-1')).toBe(8);
  });

  const pickAll = async (orderId: string, view: OrderView) => {
    for (const shipment of view.shipments) {
      const picked = await call('POST', `/orders/${orderId}/shipments/${shipment.shipmentId}/picked`, {});
      expect(picked.statusCode, picked.body).toBe(200);
    }
  };

  it('ships a split order from two locations and captures each shipment as it leaves', async () => {
    const placed = await placeOrder('flow-split', 'c-2', teeAndMug, shipHome);
    expect(placed.statusCode, placed.body).toBe(201);
    const released = await until('flow-split', (o) => o.status === 'released', 'was released');
    expect(released.shipments.map((s) => s.locationId).sort()).toEqual(['dc-north', 'store-soho']);
    await pickAll('flow-split', released);
    await until(
      'flow-split',
      (o) => o.status === 'delivered' && o.payment?.captured === 2300,
      'was delivered and paid',
    );
  });

  it('ships what it can when a store rejects its part and nobody else has it: that line is given up, the rest delivered and paid', async () => {
    const mugsBefore = await available('MUG-1');
    const placed = await placeOrder('flow-partial', 'c-7', teeAndMug, shipHome);
    expect(placed.statusCode, placed.body).toBe(201);
    const released = await until('flow-partial', (o) => o.status === 'released', 'was released');
    const fromStore = released.shipments.find((s) => s.locationId === 'store-soho');
    const fromDc = released.shipments.find((s) => s.locationId === 'dc-north');
    if (fromStore === undefined || fromDc === undefined)
      throw new Error('expected a split between the DC and Soho');
    const rejected = await call('POST', `/orders/flow-partial/shipments/${fromStore.shipmentId}/reject`, {
      reason: 'mug broken on the shelf',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    // Only Soho stocks mugs: the mug line cannot be sourced again, and its unit is no longer held.
    const deadline = Date.now() + 10_000;
    while ((await available('MUG-1')) !== mugsBefore && Date.now() < deadline);
    expect(await available('MUG-1')).toBe(mugsBefore);
    const picked = await call('POST', `/orders/flow-partial/shipments/${fromDc.shipmentId}/picked`, {});
    expect(picked.statusCode, picked.body).toBe(200);
    const done = await until(
      'flow-partial',
      (o) => o.status === 'delivered' && o.payment?.captured === 1500,
      'was delivered with the tee paid',
    );
    expect(done.payment?.captured).toBe(1500);
  });

  it('makes a collect-in-store order ready at the store and captures when the customer collects it', async () => {
    const placed = await placeOrder('flow-collect', 'c-3', [{ sku: 'MUG-1', quantity: 2 }], collectAtSoho);
    expect(placed.statusCode, placed.body).toBe(201);
    const released = await until('flow-collect', (o) => o.status === 'released', 'was released');
    expect(released.shipments).toMatchObject([{ locationId: 'store-soho' }]);
    await pickAll('flow-collect', released);
    await until('flow-collect', (o) => o.status === 'ready_for_collection', 'was ready for collection');
    const queue = (await call('GET', '/orders/collection-queue/store-soho')).json<{
      orders: { orderId: string }[];
    }>();
    expect(queue.orders.map((o) => o.orderId)).toContain('flow-collect');
    expect((await call('POST', '/orders/flow-collect/collected', {})).statusCode).toBe(200);
    await until(
      'flow-collect',
      (o) => o.status === 'collected' && o.payment?.captured === 1600,
      'was collected and paid',
    );
  });

  it('gives the units of an uncollected order back to the store, voids its payment and fails it', async () => {
    const before = await available('MUG-1');
    const placed = await placeOrder(
      'flow-uncollected',
      'c-6',
      [{ sku: 'MUG-1', quantity: 1 }],
      collectAtSoho,
    );
    expect(placed.statusCode, placed.body).toBe(201);
    const released = await until('flow-uncollected', (o) => o.status === 'released', 'was released');
    await pickAll('flow-uncollected', released);
    await until('flow-uncollected', (o) => o.status === 'ready_for_collection', 'was ready for collection');
    expect(await available('MUG-1')).toBe((before ?? 0) - 1);
    await until('flow-uncollected', (o) => o.status === 'failed', 'failed when nobody collected it');
    const deadline = Date.now() + 10_000;
    while ((await available('MUG-1')) !== before && Date.now() < deadline);
    expect(await available('MUG-1')).toBe(before);
    const payment = (await call('GET', '/payments/flow-uncollected-payment')).json<{
      payment: { status: string; captured: number };
    }>();
    expect(payment.payment.captured).toBe(0);
    expect(payment.payment.status).not.toBe('authorised');
  });

  it('refunds a returned line once the return is received', async () => {
    const requested = await call('POST', '/orders/flow-1/returns', {
      returnId: 'ret-1',
      lines: [{ lineId: 'l1', quantity: 1 }],
      reason: 'too small',
    });
    expect(requested.statusCode, requested.body).toBe(201);
    expect((await call('POST', '/orders/flow-1/returns/ret-1/received', {})).statusCode).toBe(200);
    await until('flow-1', (o) => o.payment?.refunded === 1500, 'was refunded');
    const payment = (await call('GET', '/payments/flow-1-payment')).json<{ payment: { refunded: number } }>();
    expect(payment.payment.refunded).toBe(1500);
  });

  it('answers a repeated POST with the same Idempotency-Key with the same order, placing it once', async () => {
    const body = {
      customerId: 'c-4',
      channel: 'web',
      market: 'GB',
      currency: 'GBP',
      lines: [{ sku: 'TEE-1', quantity: 1 }],
      fulfilment: { type: 'ship_to_home', address: home },
      payment: { method: 'card', token: '4111111111111111' },
    };
    const first = await server.app.inject({
      method: 'POST',
      url: '/orders',
      payload: body,
      headers: { 'idempotency-key': 'k-once' },
    });
    const again = await server.app.inject({
      method: 'POST',
      url: '/orders',
      payload: body,
      headers: { 'idempotency-key': 'k-once' },
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(again.json<{ orderId: string }>().orderId).toBe(first.json<{ orderId: string }>().orderId);
    const mine = (await call('GET', '/orders?customerId=c-4')).json<{ items: unknown[] }>();
    expect(mine.items).toHaveLength(1);
  });

  it('refuses bad orders with a 4xx that says what to fix, and writes nothing', async () => {
    const post = (change: object) =>
      call('POST', '/orders', {
        customerId: 'c-5',
        channel: 'web',
        market: 'GB',
        currency: 'GBP',
        lines: [{ sku: 'TEE-1', quantity: 1 }],
        fulfilment: { type: 'ship_to_home', address: home },
        payment: { method: 'card', token: '4111111111111111' },
        ...change,
      });
    expect((await post({ lines: [{ sku: 'NOPE-1', quantity: 1 }] })).json()).toMatchObject({
      code: 'SKU_NOT_PRICED',
    });
    expect((await post({ lines: [{ sku: 'TEE-1', quantity: 0 }] })).statusCode).toBe(400);
    const mismatch = await post({ currency: 'EUR' });
    expect(mismatch.json()).toMatchObject({ code: 'CURRENCY_MISMATCH' });
    expect(mismatch.body).not.toContain('4111111111111111'); // a refusal never echoes the payment token
    expect((await post({ fulfilment: { type: 'ship_to_home' } })).statusCode).toBe(400);
    expect((await call('GET', '/orders?customerId=c-5')).json<{ items: unknown[] }>().items).toHaveLength(0);
  });
});
