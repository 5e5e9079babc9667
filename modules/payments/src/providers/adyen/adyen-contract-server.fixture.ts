import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { adyenSignature } from './adyen-hmac.js';

/** A request the server received, for tests to inspect. */
export interface ReceivedRequest {
  readonly path: string;
  readonly apiKey: string | undefined;
  readonly idempotencyKey: string | undefined;
  readonly body: Record<string, unknown>;
}

/**
 * Test fixture: a local server implementing the documented contract of Adyen's Checkout API v71 that we use
 * (POST /v71/payments, /v71/payments/{pspReference}/captures|refunds|cancels; X-API-Key; Idempotency-Key, a repeat
 * answered from memory without acting twice) and sending HMAC-signed standard notifications to `webhookUrl`.
 * Tokens decide outcomes: "refused" is Refused (Not enough balance), "pending" is Received, anything else Authorised.
 */
export const startAdyenContractServer = async (options: {
  apiKey: string;
  merchantAccount: string;
  hmacKey: string;
  /**
   * Send a notification again until the webhook answers 2xx, as Adyen retries unaccepted notifications (here every
   * 100 ms, doubling to 2 s), for tests in which the receiving process is killed and restarted.
   */
  redeliverUntilAccepted?: boolean;
}) => {
  const received: ReceivedRequest[] = [];
  const answered = new Map<string, { status: number; body: unknown }>();
  const deliveries: { status: number; body: string }[] = [];
  let webhookUrl = '';
  let failures = 0;
  let counter = 0;
  let closed = false;
  const pending: Promise<void>[] = [];

  const notify = (item: Record<string, unknown> & Parameters<typeof adyenSignature>[1]) => {
    const full = {
      ...item,
      eventDate: '2026-03-01T11:00:00+01:00',
      additionalData: { hmacSignature: adyenSignature(options.hmacKey, item) },
    };
    const body = JSON.stringify({ live: 'false', notificationItems: [{ NotificationRequestItem: full }] });
    const sendOnce = async () => {
      const response = await fetch(webhookUrl, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
      const delivery = { status: response.status, body: await response.text() };
      deliveries.push(delivery);
      return delivery;
    };
    const send = async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (options.redeliverUntilAccepted !== true) return void (await sendOnce());
      for (let delayMs = 100; !closed; delayMs = Math.min(delayMs * 2, 2_000)) {
        const delivery = await sendOnce().catch(() => undefined);
        if (delivery !== undefined && delivery.status >= 200 && delivery.status < 300) return;
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    };
    pending.push(send());
    return body;
  };

  const handle = (path: string, body: Record<string, unknown>): { status: number; body: unknown } => {
    const error = (status: number, message: string) => ({
      status,
      body: { status, errorCode: String(status === 422 ? 14_0 : 0), message, errorType: 'validation' },
    });
    if (body.merchantAccount !== options.merchantAccount) return error(403, 'Not allowed');
    const amount = body.amount as { value: number; currency: string } | undefined;
    const psp = `PSP${String(++counter).padStart(12, '0')}`;
    const base = {
      merchantAccountCode: options.merchantAccount,
      merchantReference: String(body.reference),
      success: 'true',
    };
    if (path === '/v71/payments') {
      for (const field of ['amount', 'merchantAccount', 'paymentMethod', 'reference', 'returnUrl'])
        if (body[field] === undefined) return error(422, `Required field '${field}' is not provided.`);
      const token = (body.paymentMethod as { storedPaymentMethodId?: string }).storedPaymentMethodId;
      if (token === 'refused') {
        notify({
          ...base,
          pspReference: psp,
          amount: amount!,
          eventCode: 'AUTHORISATION',
          success: 'false',
          reason: 'Not enough balance',
        });
        return {
          status: 200,
          body: {
            pspReference: psp,
            resultCode: 'Refused',
            refusalReason: 'Not enough balance',
            merchantReference: body.reference,
          },
        };
      }
      notify({ ...base, pspReference: psp, amount: amount!, eventCode: 'AUTHORISATION' });
      return {
        status: 200,
        body: {
          pspReference: psp,
          resultCode: token === 'pending' ? 'Received' : 'Authorised',
          merchantReference: body.reference,
          amount,
        },
      };
    }
    const match = /^\/v71\/payments\/([^/]+)\/(captures|refunds|cancels)$/.exec(path);
    if (match === null) return error(404, 'Not found');
    const [, original = '', operation] = match;
    if (operation !== 'cancels' && amount === undefined)
      return error(422, "Required field 'amount' is not provided.");
    const eventCode =
      operation === 'captures' ? 'CAPTURE' : operation === 'refunds' ? 'REFUND' : 'CANCELLATION';
    notify({
      ...base,
      pspReference: psp,
      originalReference: original,
      amount: amount ?? { value: 0, currency: 'EUR' },
      eventCode,
    });
    return {
      status: 201,
      body: {
        merchantAccount: options.merchantAccount,
        paymentPspReference: original,
        pspReference: psp,
        reference: body.reference,
        status: 'received',
        ...(amount === undefined ? {} : { amount }),
      },
    };
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      const apiKey = request.headers['x-api-key'] as string | undefined;
      const idempotencyKey = request.headers['idempotency-key'] as string | undefined;
      received.push({ path: request.url ?? '', apiKey, idempotencyKey, body });
      const reply = (answer: { status: number; body: unknown }) =>
        response
          .writeHead(answer.status, { 'content-type': 'application/json' })
          .end(JSON.stringify(answer.body));
      if (failures > 0) {
        failures -= 1;
        return reply({
          status: 500,
          body: {
            status: 500,
            errorCode: '905',
            message: 'Payment details are not supported',
            errorType: 'configuration',
          },
        });
      }
      if (apiKey !== options.apiKey)
        return reply({
          status: 401,
          body: {
            status: 401,
            errorCode: '000',
            message: 'HTTP Status Response - Unauthorized',
            errorType: 'security',
          },
        });
      if (idempotencyKey !== undefined && idempotencyKey.length > 64)
        return reply({
          status: 422,
          body: { status: 422, message: 'Idempotency-Key longer than 64 characters' },
        });
      const key = idempotencyKey === undefined ? undefined : `${idempotencyKey}:${raw}`;
      const earlier = key === undefined ? undefined : answered.get(key);
      if (earlier !== undefined) return reply(earlier); // the documented idempotent replay: same answer, no second effect
      const answer = handle(request.url ?? '', body);
      if (key !== undefined) answered.set(key, answer);
      return reply(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v71`,
    received,
    deliveries,
    setWebhookUrl: (url: string) => (webhookUrl = url),
    /** The next `n` requests answer 500, as during an outage. */
    failNext: (n: number) => (failures = n),
    /** Sends a notification as Adyen would, optionally with a wrong signature; returns its body. */
    notify,
    settled: () => Promise.all(pending),
    close: () => {
      closed = true;
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
