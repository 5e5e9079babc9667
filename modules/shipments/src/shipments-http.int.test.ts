import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '@omnistream/testing';
import { signSandboxWebhook } from './carriers/sandbox/sandbox-signature.js';
import { freePort, openShipmentsTestApp, type ShipmentsTestApp } from './shipments-test-app.fixture.js';

const SECRET = 'test-sandbox-secret-0123456789';
const address = {
  name: 'Ada Lovelace',
  lines: ['12 St James Square'],
  city: 'London',
  postalCode: 'SW1Y 4JH',
  countryCode: 'GB',
};
const body = (shipmentId: string, change: Record<string, unknown> = {}) => ({
  shipmentId,
  orderId: 'ord-1',
  market: 'GB',
  shipFrom: {
    locationId: 'dc-1',
    address: { ...address, name: 'DC 1', city: 'Leeds', postalCode: 'LS1 1AA' },
  },
  shipTo: address,
  lines: [{ lineId: 'l1', sku: 'TEE-1', quantity: 2 }],
  parcel: { weightGrams: 1800, lengthMm: 300, widthMm: 200, heightMm: 100 },
  serviceLevel: 'standard',
  ...change,
});

const waitFor = async (check: () => Promise<boolean>, what: string, timeoutMs = 10_000) => {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

describe.each(testDatabases())('shipments over HTTP with the sandbox carrier on $name', (target) => {
  let shipments: ShipmentsTestApp;
  beforeAll(async () => {
    const port = await freePort();
    shipments = await openShipmentsTestApp(target, {
      listenPort: port,
      config: {
        carriers: {
          sandbox: {
            webhookSecret: SECRET,
            webhookUrl: `http://127.0.0.1:${port}/shipments/webhooks/sandbox`,
            trackingStepMs: 150,
          },
        },
      },
    });
  });
  afterAll(async () => {
    await shipments.close();
  });

  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    shipments.app.inject({ method: 'POST', url, payload, headers });
  const get = (url: string) => shipments.app.inject({ method: 'GET', url });

  it('quotes deterministic rates for every service level', async () => {
    const { shipmentId: _, orderId: __, lines: ___, serviceLevel: ____, ...request } = body('x');
    const response = await post('/shipments/rates', request);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      quotes: [
        {
          carrier: 'sandbox',
          service: 'SBX-STANDARD',
          serviceLevel: 'standard',
          cost: { amount: 515, currency: 'GBP' },
          transitDays: 3,
        },
        {
          carrier: 'sandbox',
          service: 'SBX-EXPRESS',
          serviceLevel: 'express',
          cost: { amount: 815, currency: 'GBP' },
          transitDays: 2,
        },
        {
          carrier: 'sandbox',
          service: 'SBX-NEXT-DAY',
          serviceLevel: 'next_day',
          cost: { amount: 1115, currency: 'GBP' },
          transitDays: 1,
        },
      ],
    });
  });

  it('creates a shipment, buys one label, and follows signed webhooks over HTTP to delivered', async () => {
    const created = await post('/shipments', body('shp-1'), { 'idempotency-key': 'k-shp-1' });
    expect(created.statusCode, created.body).toBe(201);
    const view = created.json<{ status: string; label: { trackingNumber: string; cost: unknown } }>();
    expect(view.status).toBe('label_created');
    expect(view.label.trackingNumber).toMatch(/^SBX[0-9A-F]{12}$/);
    expect(view.label.cost).toEqual({ amount: 515, currency: 'GBP' });

    const replay = await post('/shipments', body('shp-1'), { 'idempotency-key': 'k-shp-1' });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    // The saga's redelivery without a key: the same shipment, no second label.
    const again = await post('/shipments', body('shp-1'));
    expect(again.statusCode).toBe(201);
    expect(again.json<{ label: unknown }>().label).toEqual(view.label);
    const labels = (await shipments.store.readStream('shipment-shp-1')).filter(
      (e) => e.type === 'ShipmentLabelCreated',
    );
    expect(labels).toHaveLength(1);

    await waitFor(
      async () => (await get('/shipments/shp-1')).json<{ status: string }>().status === 'delivered',
      'delivery',
    );
    const read = (await get('/shipments/shp-1')).json<{ tracking: { status: string; applied: boolean }[] }>();
    expect(read.tracking.map((t) => [t.status, t.applied])).toEqual([
      ['in_transit', true],
      ['out_for_delivery', true],
      ['delivered', true],
    ]);
    const types = (await shipments.store.readStream('shipment-shp-1')).map((e) => e.type);
    expect(types).toEqual([
      'ShipmentRequested',
      'ShipmentLabelCreated',
      'ShipmentInTransit',
      'ShipmentOutForDelivery',
      'ShipmentDelivered',
    ]);
  });

  it('drops a duplicated webhook and keeps delivered after a late one', async () => {
    const trackingNumber = (await get('/shipments/shp-1')).json<{ label: { trackingNumber: string } }>().label
      .trackingNumber;
    const send = (payload: object) => {
      const raw = JSON.stringify(payload);
      return shipments.app.inject({
        method: 'POST',
        url: '/shipments/webhooks/sandbox',
        headers: {
          'content-type': 'application/json',
          'omnistream-sandbox-signature': signSandboxWebhook(SECRET, raw, Date.now()),
        },
        payload: raw,
      });
    };
    const delivered = {
      id: `sbx-evt-${trackingNumber}-3`,
      trackingNumber,
      reference: 'shp-1',
      status: 'delivered',
      occurredAt: new Date().toISOString(),
      location: null,
    };
    const before = await shipments.eventCount();
    const repeat = await send(delivered);
    expect(repeat.statusCode, repeat.body).toBe(200);
    expect(repeat.json()).toEqual({ received: 1, recorded: 0, ignored: 1 });
    expect(await shipments.eventCount()).toBe(before);

    const late = await send({
      ...delivered,
      id: 'late-1',
      status: 'in_transit',
      occurredAt: '2020-01-01T00:00:00Z',
    });
    expect(late.json()).toMatchObject({ recorded: 1 });
    const read = (await get('/shipments/shp-1')).json<{ status: string; tracking: { applied: boolean }[] }>();
    expect(read.status).toBe('delivered');
    expect(read.tracking.at(-1)?.applied).toBe(false);
  });

  it('refuses a webhook with a wrong signature and writes nothing', () =>
    shipments.expectRefused(
      () =>
        shipments.app.inject({
          method: 'POST',
          url: '/shipments/webhooks/sandbox',
          headers: {
            'content-type': 'application/json',
            'omnistream-sandbox-signature': signSandboxWebhook('another-secret-000000', '{}', Date.now()),
          },
          payload: JSON.stringify({
            id: 'x',
            trackingNumber: 'SBX',
            reference: 'shp-1',
            status: 'delivered',
            occurredAt: new Date().toISOString(),
          }),
        }),
      401,
      'WEBHOOK_SIGNATURE_INVALID',
    ));

  it('lists the shipments of an order', async () => {
    const listed = await get('/shipments?orderId=ord-1');
    expect(listed.statusCode).toBe(200);
    expect(listed.json<{ items: { shipmentId: string; status: string }[] }>().items).toEqual([
      expect.objectContaining({
        shipmentId: 'shp-1',
        orderId: 'ord-1',
        status: 'delivered',
        carrier: 'sandbox',
      }),
    ]);
  });

  it('cancels before hand-over, voiding the label, and refuses after', async () => {
    const created = await post('/shipments', body('shp-2', { orderId: 'ord-2' }));
    expect(created.json<{ status: string }>().status).toBe('label_created');
    const cancelled = await post('/shipments/shp-2/cancel', { reason: 'order cancelled' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json<{ status: string }>().status).toBe('cancelled');
    expect((await post('/shipments/shp-2/cancel', {})).statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 400)); // past the sandbox's first step: nothing moves
    expect((await get('/shipments/shp-2')).json<{ status: string }>().status).toBe('cancelled');
    await shipments.expectRefused(
      () => post('/shipments/shp-1/cancel', {}),
      422,
      'SHIPMENT_ALREADY_HANDED_OVER',
    );
  });

  it('records a carrier refusal, and a failed delivery ending returned', async () => {
    const refused = await post(
      '/shipments',
      body('shp-3', { shipTo: { ...address, postalCode: 'SBX REJECT' } }),
    );
    expect(refused.json<{ status: string; failure: string }>()).toMatchObject({ status: 'label_failed' });
    await post('/shipments', body('shp-4', { shipTo: { ...address, postalCode: 'sbx fail' } }));
    await waitFor(
      async () => (await get('/shipments/shp-4')).json<{ status: string }>().status === 'returned',
      'return',
    );
  });

  it('answers 503 while the carrier is down, having written only the request', async () => {
    const response = await post(
      '/shipments',
      body('shp-5', { shipTo: { ...address, postalCode: 'SBXDOWN' } }),
    );
    expect(response.statusCode).toBe(503);
    // The platform does not pass 5xx codes on (to-problem.ts): the client sees a retryable 503.
    expect(response.json<{ code: string }>().code).toBe('SERVICE_UNAVAILABLE');
    expect((await get('/shipments/shp-5')).json<{ status: string }>().status).toBe('requested');
  });

  it.each([
    ['a missing ship-to address', { shipTo: undefined }, 400, 'VALIDATION_FAILED'],
    [
      'a zero weight',
      { parcel: { weightGrams: 0, lengthMm: 1, widthMm: 1, heightMm: 1 } },
      400,
      'VALIDATION_FAILED',
    ],
    ['an unknown carrier', { carrier: 'pigeon' }, 400, 'INVALID_CARRIER'],
    ['a blank street line', { shipTo: { ...address, lines: ['   '] } }, 400, 'VALIDATION_FAILED'],
    ['a lower-case country', { shipTo: { ...address, countryCode: 'gb' } }, 400, 'VALIDATION_FAILED'],
    ['no lines', { lines: [] }, 400, 'VALIDATION_FAILED'],
    [
      'a repeated line',
      {
        lines: [
          { lineId: 'l1', sku: 'A', quantity: 1 },
          { lineId: 'l1', sku: 'A', quantity: 1 },
        ],
      },
      400,
      'INVALID_SHIPMENT_LINES',
    ],
  ])('refuses %s with a 4xx and writes nothing', async (_case, change, status, code) => {
    const payload = JSON.parse(JSON.stringify(body('shp-bad', change))) as object;
    await shipments.expectRefused(() => post('/shipments', payload), status, code);
  });

  it('refuses the same shipment id with other details', () =>
    shipments.expectRefused(
      () => post('/shipments', body('shp-1', { orderId: 'ord-9' })),
      409,
      'SHIPMENT_CONFLICT',
    ));

  it('answers 404 for an unknown shipment', async () => {
    const response = await get('/shipments/nope');
    expect(response.statusCode).toBe(404);
    expect(response.json<{ code: string }>().code).toBe('SHIPMENT_NOT_FOUND');
  });
});
