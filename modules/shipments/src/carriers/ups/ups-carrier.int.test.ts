import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '@omnistream/testing';
import { carrierIdempotencyKey } from '../carrier-idempotency-key.js';
import { freePort, openShipmentsTestApp, type ShipmentsTestApp } from '../../shipments-test-app.fixture.js';
import { startUpsContractServer } from './ups-contract-server.fixture.js';

const CREDENTIAL = 'track-alert-credential-0123456789';
const address = {
  name: 'Ada Lovelace',
  lines: ['12 St James Square'],
  city: 'London',
  postalCode: 'SW1Y 4JH',
  countryCode: 'GB',
};
const shipmentBody = (shipmentId: string, shipTo = address) => ({
  shipmentId,
  orderId: 'ord-ups',
  market: 'GB',
  shipFrom: {
    locationId: 'dc-1',
    address: { ...address, name: 'DC 1', city: 'Leeds', postalCode: 'LS1 1AA' },
  },
  shipTo,
  lines: [{ lineId: 'l1', sku: 'TEE-1', quantity: 1 }],
  parcel: { weightGrams: 1500, lengthMm: 300, widthMm: 200, heightMm: 100 },
  serviceLevel: 'standard',
});

describe.each(testDatabases())('the UPS adapter against a local UPS contract server on $name', (target) => {
  let ups: Awaited<ReturnType<typeof startUpsContractServer>>;
  let shipments: ShipmentsTestApp;
  let webhookUrl: string;
  beforeAll(async () => {
    ups = await startUpsContractServer({ clientId: 'client-1', clientSecret: 'secret-1' });
    const port = await freePort();
    webhookUrl = `http://127.0.0.1:${port}/shipments/webhooks/ups`;
    shipments = await openShipmentsTestApp(target, {
      listenPort: port,
      config: {
        defaultCarrier: 'ups',
        carriers: {
          sandbox: {},
          ups: {
            baseUrl: ups.baseUrl,
            clientId: 'client-1',
            clientSecret: 'secret-1',
            accountNumber: 'A1B2C3',
            webhookCredential: CREDENTIAL,
          },
        },
      },
    });
  });
  afterAll(async () => {
    await shipments.close();
    await ups.close();
  });

  const post = (url: string, payload: object) => shipments.app.inject({ method: 'POST', url, payload });
  const get = (url: string) => shipments.app.inject({ method: 'GET', url });
  /** A Track Alert message as UPSTrackAlert.yaml documents it, over real HTTP. */
  const trackAlert = (trackingNumber: string, status: object, gmtTime: string, credential = CREDENTIAL) =>
    fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', credential, 'user-agent': 'UPSPubSubTrackingService' },
      body: JSON.stringify({
        trackingNumber,
        localActivityDate: '20260302',
        localActivityTime: gmtTime,
        activityLocation: { city: 'Leeds', country: 'GB' },
        activityStatus: status,
        gmtActivityDate: '20260302',
        gmtActivityTime: gmtTime,
      }),
    });

  it('quotes rates with a token, shopping every service and keeping those configured', async () => {
    const { shipmentId: _, orderId: __, lines: ___, serviceLevel: ____, ...request } = shipmentBody('x');
    const response = await post('/shipments/rates', request);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      quotes: [
        {
          carrier: 'ups',
          service: '11',
          serviceLevel: 'standard',
          cost: { amount: 850, currency: 'GBP' },
          transitDays: null,
        },
        {
          carrier: 'ups',
          service: '07',
          serviceLevel: 'express',
          cost: { amount: 1275, currency: 'GBP' },
          transitDays: null,
        },
      ],
    });
    const token = ups.calls.find((c) => c.path === '/security/v1/oauth/token');
    expect(token?.headers['x-merchant-id']).toBe('A1B2C3');
    const rate = ups.calls.find((c) => c.path === '/api/rating/v2409/Shop');
    expect(rate?.headers.authorization).toBe('Bearer tok-1');
    expect(rate?.headers.transactionsrc).toBe('omnistream');
  });

  it('buys one label with the shipment key as transId, in centimetres and kilograms', async () => {
    const created = await post('/shipments', shipmentBody('ups-1'));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      status: 'label_created',
      label: {
        carrier: 'ups',
        service: '11',
        trackingNumber: '1Z999AA10000000001',
        labelReference: '1Z999AA10000000001',
        cost: { amount: 1230, currency: 'GBP' },
      },
    });
    await post('/shipments', shipmentBody('ups-1'));
    const shipCalls = ups.calls.filter((c) => c.path === '/api/shipments/v2409/ship');
    expect(shipCalls).toHaveLength(1);
    expect(shipCalls[0]?.headers.transid).toBe(carrierIdempotencyKey('ups-1'));
    expect(shipCalls[0]?.body).toMatchObject({
      ShipmentRequest: {
        Request: { TransactionReference: { CustomerContext: 'ups-1' } },
        Shipment: {
          Shipper: { ShipperNumber: 'A1B2C3' },
          ShipTo: {
            Address: { AddressLine: ['12 St James Square'], PostalCode: 'SW1Y 4JH', CountryCode: 'GB' },
          },
          Package: [
            {
              Dimensions: { UnitOfMeasurement: { Code: 'CM' }, Length: '30.0' },
              PackageWeight: { UnitOfMeasurement: { Code: 'KGS' }, Weight: '1.50' },
            },
          ],
        },
      },
    });
    expect(ups.calls.filter((c) => c.path === '/security/v1/oauth/token')).toHaveLength(1); // the token is reused
  });

  it('applies Track Alert webhooks by tracking number, drops repeats and never moves back', async () => {
    const tn = '1Z999AA10000000001';
    expect(
      (await trackAlert(tn, { type: 'I', code: 'DP', description: 'Departed from Facility' }, '080000'))
        .status,
    ).toBe(200);
    const repeat = await trackAlert(
      tn,
      { type: 'I', code: 'DP', description: 'Departed from Facility' },
      '080000',
    );
    expect(await repeat.json()).toEqual({ received: 1, recorded: 0, ignored: 1 });
    await trackAlert(tn, { type: 'I', code: 'OT', description: 'Out for Delivery' }, '090000');
    await trackAlert(tn, { type: 'D', code: 'FS', description: 'Delivered' }, '120000');
    await trackAlert(tn, { type: 'I', code: 'AR', description: 'Arrived at Facility' }, '070000');
    const read = (await get('/shipments/ups-1')).json<{
      status: string;
      tracking: { status: string; applied: boolean }[];
    }>();
    expect(read.status).toBe('delivered');
    expect(read.tracking.map((t) => [t.status, t.applied])).toEqual([
      ['in_transit', true],
      ['out_for_delivery', true],
      ['delivered', true],
      ['in_transit', false],
    ]);
  });

  it('refuses a webhook with a wrong credential with 401 and writes nothing', async () => {
    const before = await shipments.eventCount();
    const response = await trackAlert(
      '1Z999AA10000000001',
      { type: 'X', code: 'XX', description: 'Damaged' },
      '130000',
      'wrong-credential-0000000000000000',
    );
    expect(response.status).toBe(401);
    expect(((await response.json()) as { code: string }).code).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect(await shipments.eventCount()).toBe(before);
  });

  it('voids the label when a shipment is cancelled before hand-over', async () => {
    await post('/shipments', shipmentBody('ups-2'));
    const cancelled = await post('/shipments/ups-2/cancel', { reason: 'order cancelled' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    expect(ups.labels.get('1Z999AA10000000002')).toBe('void');
    expect(ups.calls.find((c) => c.method === 'DELETE')?.path).toBe(
      '/api/shipments/v2409/void/cancel/1Z999AA10000000002',
    );
  });

  it('records a label UPS refuses for its address', async () => {
    const refused = await post('/shipments', shipmentBody('ups-3', { ...address, postalCode: 'ZZ9 9ZZ' }));
    expect(refused.json()).toMatchObject({
      status: 'label_failed',
      failure: expect.stringContaining('120802') as unknown,
    });
  });

  it('polls tracking when no webhook came, ignoring manifest scans', async () => {
    await post('/shipments', shipmentBody('ups-4'));
    const outcome = await shipments.module.refreshTracking('ups-4');
    expect(outcome).toEqual({ received: 2, recorded: 2, ignored: 0 });
    expect((await get('/shipments/ups-4')).json()).toMatchObject({ status: 'delivered' });
  });
});
