import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '@omnistream/testing';
import { parsePaymentsConfig } from '../../config/parse-payments-config.js';
import { openPaymentsTestApp, type PaymentsTestApp } from '../../payments-test-app.fixture.js';
import { providerIdempotencyKey } from '../name-based-id.js';
import { startAdyenContractServer } from './adyen-contract-server.fixture.js';

const hmacKey = '44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056';
const credentials = { apiKey: 'test-api-key', merchantAccount: 'OmnistreamNL', hmacKey };

describe.each(testDatabases())(
  'the Adyen adapter against a local Adyen contract server, on $name',
  (database) => {
    let adyen: Awaited<ReturnType<typeof startAdyenContractServer>>;
    let t: PaymentsTestApp;
    beforeAll(async () => {
      adyen = await startAdyenContractServer(credentials);
      t = await openPaymentsTestApp(database, {
        listen: true,
        config: (port) => {
          adyen.setWebhookUrl(`http://127.0.0.1:${port}/payments/webhooks/adyen`);
          return parsePaymentsConfig({
            routes: [{ market: 'NL', method: 'card', provider: 'adyen' }],
            providers: {
              adyen: { ...credentials, baseUrl: adyen.baseUrl, returnUrl: 'https://shop.example.com/return' },
            },
          });
        },
      });
    });
    afterAll(async () => {
      await adyen.settled();
      await t.close();
      await adyen.close();
    });

    const post = (url: string, payload: unknown) =>
      t.app.inject({ method: 'POST', url, payload: payload as Record<string, unknown> });
    const create = (paymentId: string, token: string) =>
      post('/payments', {
        paymentId,
        orderId: `order-${paymentId}`,
        amount: 5_000,
        currency: 'EUR',
        market: 'NL',
        paymentMethod: { type: 'card', token },
      });

    it('authorises, captures and refunds through the Checkout API, settled by signed notifications', async () => {
      const created = await create('ady-1', 'stored-card-1');
      expect(created.json()).toMatchObject({
        status: 'authorised',
        provider: 'adyen',
        providerReference: expect.stringMatching(/^PSP/) as string,
      });
      const payment = adyen.received.find((r) => r.path === '/v71/payments');
      expect(payment).toMatchObject({
        apiKey: 'test-api-key',
        idempotencyKey: providerIdempotencyKey('ady-1', 'authorise'),
        body: {
          amount: { value: 5_000, currency: 'EUR' },
          merchantAccount: 'OmnistreamNL',
          reference: 'ady-1',
          paymentMethod: { type: 'scheme', storedPaymentMethodId: 'stored-card-1' },
        },
      });

      expect((await post('/payments/ady-1/captures', { captureId: 'ship-1' })).json()).toMatchObject({
        captures: [{ status: 'submitted' }],
      });
      await t.waitForStatus('ady-1', 'captured');
      const capture = adyen.received.find((r) => r.path.endsWith('/captures'));
      expect(capture).toMatchObject({
        idempotencyKey: providerIdempotencyKey('ady-1', 'capture', 1),
        body: { reference: 'ady-1.capture.1' },
      });

      await post('/payments/ady-1/refunds', { amount: 1_000 });
      await t.waitForStatus('ady-1', 'partially_refunded');
      await adyen.settled();
      expect(adyen.deliveries.every((d) => d.status === 200 && d.body === '[accepted]')).toBe(true);
    });

    it('records a refusal with its reason', async () => {
      expect((await create('ady-2', 'refused')).json()).toMatchObject({ status: 'refused' });
      const read = await t.app.inject({ method: 'GET', url: '/payments/ady-2' });
      expect(
        read.json<{ history: { type: string; data: { reason?: string } }[] }>().history[1],
      ).toMatchObject({
        type: 'PaymentRefused',
        data: { reason: 'Not enough balance' },
      });
    });

    it('settles a Received authorisation by its AUTHORISATION notification', async () => {
      expect((await create('ady-3', 'pending')).json()).toMatchObject({ status: 'pending' });
      await t.waitForStatus('ady-3', 'authorised');
    });

    it('retries after an outage with the same idempotency key, and the capture happens once', async () => {
      await create('ady-4', 'stored-card-4');
      adyen.failNext(1);
      expect((await post('/payments/ady-4/captures', {})).statusCode).toBe(503);
      expect((await post('/payments/ady-4/captures', {})).statusCode).toBe(202);
      await t.waitForStatus('ady-4', 'captured');
      const keys = adyen.received
        .filter((r) => r.path.includes('/captures') && r.body.reference === 'ady-4.capture.1')
        .map((r) => r.idempotencyKey);
      expect(keys).toEqual([
        providerIdempotencyKey('ady-4', 'capture', 1),
        providerIdempotencyKey('ady-4', 'capture', 1),
      ]);
    });

    it('applies a duplicated notification once', async () => {
      await create('ady-5', 'stored-card-5');
      await post('/payments/ady-5/cancel', {});
      await t.waitForStatus('ady-5', 'cancelled');
      const cancellation = (await t.app.inject({ method: 'GET', url: '/payments/ady-5' })).json<{
        payment: { cancellations: { providerReference: string }[] };
      }>();
      const events = await t.eventCount();
      const body = adyen.notify({
        pspReference: cancellation.payment.cancellations[0]!.providerReference,
        merchantAccountCode: 'OmnistreamNL',
        merchantReference: 'ady-5.cancel.1',
        amount: { value: 0, currency: 'EUR' },
        eventCode: 'CANCELLATION',
        success: 'true',
      });
      await adyen.settled();
      const again = await t.app.inject({
        method: 'POST',
        url: '/payments/webhooks/adyen',
        payload: body,
        headers: { 'content-type': 'application/json' },
      });
      expect(again.body).toBe('[accepted]');
      expect(await t.eventCount()).toBe(events);
    });

    it('refuses a notification with a bad signature (401) and writes nothing', async () => {
      await create('ady-6', 'stored-card-6');
      const forged = JSON.stringify({
        live: 'false',
        notificationItems: [
          {
            NotificationRequestItem: {
              pspReference: 'PSP999',
              merchantAccountCode: 'OmnistreamNL',
              merchantReference: 'ady-6.capture.1',
              amount: { value: 5_000, currency: 'EUR' },
              eventCode: 'CAPTURE',
              success: 'true',
              additionalData: { hmacSignature: 'coqCmt/IZ4E3CzPvMY8zTjQVL5hYJUiBRg8UU+iCWo0=' },
            },
          },
        ],
      });
      await t.expectRefused(
        () =>
          t.app.inject({
            method: 'POST',
            url: '/payments/webhooks/adyen',
            payload: forged,
            headers: { 'content-type': 'application/json' },
          }),
        401,
        'WEBHOOK_SIGNATURE_INVALID',
      );
    });

    it('answers 502 when Adyen refuses our credentials', async () => {
      const wrong = await startAdyenContractServer({ ...credentials, apiKey: 'another-key' });
      const { createAdyenProvider } = await import('./adyen-provider.js');
      const provider = createAdyenProvider({
        config: { ...credentials, baseUrl: wrong.baseUrl, returnUrl: 'https://shop.example.com/r' },
        fetch,
        timeoutMs: 2_000,
      });
      await expect(
        provider.authorise({
          paymentId: 'x',
          reference: 'x',
          amount: 1,
          currency: 'EUR',
          market: 'NL',
          method: { type: 'card', token: 't' },
          idempotencyKey: 'k',
        }),
      ).rejects.toMatchObject({ code: 'PROVIDER_ERROR' });
      await wrong.close();
    });
  },
);
