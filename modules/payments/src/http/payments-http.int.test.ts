import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '@omnistream/testing';
import { parsePaymentsConfig } from '../config/parse-payments-config.js';
import { openPaymentsTestApp, type PaymentsTestApp } from '../payments-test-app.fixture.js';

const body = (paymentId: string, token = '4111111111111111', change: Record<string, unknown> = {}) => ({
  paymentId,
  orderId: `order-${paymentId}`,
  amount: 10_000,
  currency: 'EUR',
  market: 'NL',
  paymentMethod: { type: 'card', token },
  ...change,
});

describe.each(testDatabases())('payments over HTTP on $name', (database) => {
  let t: PaymentsTestApp;
  beforeAll(async () => {
    // Sandbox webhooks in-process, quickly: the HTTP round trip has its own suite.
    t = await openPaymentsTestApp(database, {
      config: () =>
        parsePaymentsConfig({
          providers: { sandbox: { secret: 'test-secret-0123456789', webhookDelayMs: 10 } },
        }),
    });
  });
  afterAll(() => t.close());

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload: payload as Record<string, unknown>, headers });

  it('authorises a payment, captures it, and refunds part of it', async () => {
    const created = await post('/payments', body('pay-1'));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      paymentId: 'pay-1',
      status: 'authorised',
      provider: 'sandbox',
      amount: 10_000,
    });

    const capture = await post('/payments/pay-1/captures', {});
    expect(capture.statusCode, capture.body).toBe(202);
    await t.waitForStatus('pay-1', 'captured');

    expect((await post('/payments/pay-1/refunds', { refundId: 'return-1', amount: 2_500 })).statusCode).toBe(
      202,
    );
    const refunded = await t.waitForStatus('pay-1', 'partially_refunded');
    expect(refunded).toMatchObject({ captured: 10_000, refunded: 2_500 });

    const read = await t.app.inject({ method: 'GET', url: '/payments/pay-1' });
    const types = read.json<{ history: { type: string }[] }>().history.map((e) => e.type);
    expect(types).toEqual([
      'PaymentAuthorisationRequested',
      'PaymentAuthorised',
      'PaymentCaptureRequested',
      'PaymentOperationSubmitted',
      'PaymentCaptured',
      'PaymentRefundRequested',
      'PaymentOperationSubmitted',
      'PaymentRefunded',
    ]);
  });

  it('captures once however often the capture is sent', async () => {
    await post('/payments', body('pay-2'));
    await Promise.all([post('/payments/pay-2/captures', {}), post('/payments/pay-2/captures', {})]);
    await t.waitForStatus('pay-2', 'captured');
    await post('/payments/pay-2/captures', {});
    const read = await t.app.inject({ method: 'GET', url: '/payments/pay-2' });
    const history = read.json<{ history: { type: string }[] }>().history;
    expect(history.filter((e) => e.type === 'PaymentCaptureRequested')).toHaveLength(1);
    expect(history.filter((e) => e.type === 'PaymentCaptured')).toHaveLength(1);
  });

  it('captures in parts up to the authorised amount, and refuses more', async () => {
    await post('/payments', body('pay-3'));
    expect((await post('/payments/pay-3/captures', { captureId: 'ship-1', amount: 6_000 })).statusCode).toBe(
      202,
    );
    await t.waitForStatus('pay-3', 'partially_captured');
    await t.expectRefused(
      () => post('/payments/pay-3/captures', { captureId: 'ship-2', amount: 4_001 }),
      422,
      'PAYMENT_AMOUNT_EXCEEDED',
      /only 4000 EUR/,
    );
    await t.expectRefused(
      () => post('/payments/pay-3/captures', { captureId: 'ship-2', amount: 100, currency: 'GBP' }),
      422,
      'PAYMENT_CURRENCY_MISMATCH',
    );
    await post('/payments/pay-3/captures', { captureId: 'ship-2', amount: 4_000 });
    await t.waitForStatus('pay-3', 'captured');
    await t.expectRefused(
      () => post('/payments/pay-3/refunds', { amount: 10_001 }),
      422,
      'PAYMENT_AMOUNT_EXCEEDED',
    );
  });

  it('records refusals, errors and pending answers by test card', async () => {
    expect((await post('/payments', body('pay-refused', '4000000000009995'))).json()).toMatchObject({
      status: 'refused',
    });
    expect((await post('/payments', body('pay-error', '4000000000000119'))).json()).toMatchObject({
      status: 'failed',
    });
    expect((await post('/payments', body('pay-later', '4000000000003220'))).json()).toMatchObject({
      status: 'pending',
    });
    await t.waitForStatus('pay-later', 'authorised');
    expect((await post('/payments', body('pay-never', '4000000000005126'))).json()).toMatchObject({
      status: 'pending',
    });
    // The request is recorded before the provider is called, so a retry reuses its idempotency key.
    const down = await post('/payments', body('pay-down', '4000000000000069'));
    expect(down.statusCode).toBe(503);
    expect((await t.app.inject({ method: 'GET', url: '/payments/pay-down' })).json()).toMatchObject({
      payment: { status: 'authorisation_requested' },
    });
  });

  it('cancels an authorisation once, and a refused payment not at all', async () => {
    await post('/payments', body('pay-4'));
    expect((await post('/payments/pay-4/cancel', {})).statusCode).toBe(202);
    await t.waitForStatus('pay-4', 'cancelled');
    const again = await post('/payments/pay-4/cancel', {});
    expect(again.json()).toMatchObject({
      status: 'cancelled',
      cancellations: [{ sequence: 1, status: 'succeeded' }],
    });
    await post('/payments', body('pay-5', '4000000000000002'));
    expect((await post('/payments/pay-5/cancel', {})).json()).toMatchObject({
      status: 'refused',
      cancellations: [],
    });
  });

  it('returns the same payment for a repeated Idempotency-Key, and refuses another payment under an id', async () => {
    const headers = { 'idempotency-key': 'create-pay-6' };
    const first = await post('/payments', body('pay-6'), headers);
    const second = await post('/payments', body('pay-6'), headers);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    await t.expectRefused(
      () => post('/payments', body('pay-6', undefined, { amount: 1 })),
      409,
      'PAYMENT_REQUEST_CONFLICT',
    );
  });

  it.each([
    ['a zero amount', { amount: 0 }, 400, 'INVALID_PAYMENT_AMOUNT'],
    ['a lower-case currency', { currency: 'eur' }, 400, 'INVALID_PAYMENT_CURRENCY'],
    ['an unknown field', { note: 'x' }, 400, 'VALIDATION_FAILED'],
    ['a market that is no country', { market: 'Holland' }, 400, 'INVALID_MARKET'],
  ])('refuses %s and writes nothing', async (_case, change, status, code) => {
    const response = await post('/payments', body('pay-bad', undefined, change));
    expect(response.statusCode, response.body).toBe(status);
    if (code !== 'VALIDATION_FAILED') expect(response.json<{ code: string }>().code).toBe(code);
    expect((await t.app.inject({ method: 'GET', url: '/payments/pay-bad' })).statusCode).toBe(404);
  });

  it('answers 404 for operations on a payment that does not exist', () =>
    t.expectRefused(() => post('/payments/nope/captures', {}), 404, 'PAYMENT_NOT_FOUND'));

  it("lists an order's payments", async () => {
    await post('/payments', body('pay-7a', '4000000000000002', { orderId: 'order-7' }));
    await post('/payments', body('pay-7b', undefined, { orderId: 'order-7' }));
    const list = await t.app.inject({ method: 'GET', url: '/payments?orderId=order-7' });
    expect(
      list
        .json<{ items: { paymentId: string; status: string }[] }>()
        .items.map((p) => [p.paymentId, p.status]),
    ).toEqual([
      ['pay-7a', 'refused'],
      ['pay-7b', 'authorised'],
    ]);
  });

  it('refuses a webhook with a bad signature and writes nothing', () =>
    t.expectRefused(
      () =>
        t.app.inject({
          method: 'POST',
          url: '/payments/webhooks/sandbox',
          payload: JSON.stringify({ notifications: [] }),
          headers: { 'content-type': 'application/json', 'x-sandbox-signature': '00'.repeat(32) },
        }),
      401,
      'WEBHOOK_SIGNATURE_INVALID',
    ));
});
