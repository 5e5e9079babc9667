import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '@omnistream/testing';
import { parsePaymentsConfig } from '../../config/parse-payments-config.js';
import { openPaymentsTestApp, type PaymentsTestApp } from '../../payments-test-app.fixture.js';

describe.each(testDatabases())('sandbox webhooks over real HTTP, on $name', (database) => {
  let t: PaymentsTestApp;
  const delivered: string[] = [];
  beforeAll(async () => {
    t = await openPaymentsTestApp(database, {
      listen: true,
      // Counts what goes over the wire, so the test shows the webhook took the HTTP path.
      fetch: (input, init) => {
        delivered.push(input instanceof Request ? input.url : input.toString());
        return fetch(input, init);
      },
      config: (port) =>
        parsePaymentsConfig({
          providers: {
            sandbox: {
              secret: 'round-trip-secret-123',
              webhookDelayMs: 50,
              webhookUrl: `http://127.0.0.1:${port}/payments/webhooks/sandbox`,
            },
          },
        }),
    });
  });
  afterAll(() => t.close());

  it('settles a pending authorisation and a capture by signed webhooks posted to the webhook route', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/payments',
      payload: {
        paymentId: 'rt-1',
        orderId: 'o-rt',
        amount: 700,
        currency: 'GBP',
        market: 'GB',
        paymentMethod: { type: 'card', token: '4000 0000 0000 3220' },
      },
    });
    expect(created.json()).toMatchObject({ status: 'pending' });
    await t.waitForStatus('rt-1', 'authorised');
    await t.app.inject({ method: 'POST', url: '/payments/rt-1/captures', payload: {} });
    await t.waitForStatus('rt-1', 'captured');
    expect(
      delivered.filter((url) => url.endsWith('/payments/webhooks/sandbox')).length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('records a capture the test card makes fail', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/payments',
      payload: {
        paymentId: 'rt-2',
        orderId: 'o-rt',
        amount: 700,
        currency: 'GBP',
        market: 'GB',
        paymentMethod: { type: 'card', token: '4000000000000259' },
      },
    });
    await t.app.inject({ method: 'POST', url: '/payments/rt-2/captures', payload: {} });
    const deadline = Date.now() + 10_000;
    for (;;) {
      const read = await t.app.inject({ method: 'GET', url: '/payments/rt-2' });
      const types = read.json<{ history: { type: string }[] }>().history.map((e) => e.type);
      if (types.includes('PaymentCaptureFailed')) break;
      if (Date.now() > deadline) throw new Error(`no capture failure: ${types.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  });
});
