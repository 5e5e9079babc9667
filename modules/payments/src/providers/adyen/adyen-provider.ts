import { DomainError } from '@omnistream/kernel';
import type { AdyenConfig } from '../../config/payments-config.js';
import type {
  AuthoriseResult,
  ModificationRequest,
  ModificationResult,
  PaymentProvider,
} from '../payment-provider.js';
import { parseAdyenNotifications } from './adyen-notifications.js';

export interface AdyenProviderOptions {
  readonly config: AdyenConfig;
  readonly fetch: typeof globalThis.fetch;
  readonly timeoutMs: number;
}

type Answer = { readonly status: number; readonly body: Record<string, unknown> };

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** Adyen's resultCode of POST /payments, in our terms. Shopper actions (3-D Secure, redirects) need a front end. */
const RESULTS: Readonly<Record<string, AuthoriseResult['outcome']>> = {
  Authorised: 'authorised',
  Refused: 'refused',
  Error: 'failed',
  Cancelled: 'failed',
  Pending: 'pending',
  Received: 'pending',
};

/**
 * The Adyen adapter, written against Checkout API v71 (POST /payments, /payments/{pspReference}/captures, /refunds,
 * /cancels; X-API-Key; Idempotency-Key) and standard notification webhooks. Modifications are only `received`:
 * their outcome arrives as a CAPTURE, REFUND, CANCELLATION (or *_FAILED) notification.
 */
export const createAdyenProvider = ({ config, fetch, timeoutMs }: AdyenProviderOptions): PaymentProvider => {
  const call = async (path: string, idempotencyKey: string, body: unknown): Promise<Answer> => {
    let response: Response;
    try {
      response = await fetch(`${config.baseUrl}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-api-key': config.apiKey,
          'idempotency-key': idempotencyKey,
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new DomainError(
        'PROVIDER_UNAVAILABLE',
        `Adyen could not be reached: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const raw = await response.text();
    let parsed: unknown = {};
    try {
      parsed = raw === '' ? {} : JSON.parse(raw);
    } catch {
      parsed = {};
    }
    const answer = {
      status: response.status,
      body: (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>,
    };
    if (answer.status >= 500 || answer.status === 429)
      throw new DomainError(
        'PROVIDER_UNAVAILABLE',
        `Adyen answered ${answer.status}; retry with the same key`,
      );
    if (answer.status === 401 || answer.status === 403)
      throw new DomainError(
        'PROVIDER_ERROR',
        `Adyen refused our credentials (${answer.status}): check apiKey and merchantAccount`,
      );
    return answer;
  };

  /** 400 and 422 are Adyen's validation errors: the request itself is at fault, so the operation failed. */
  const errorReason = (answer: Answer): string =>
    text(answer.body.message) ??
    `Adyen answered ${answer.status}${text(answer.body.errorCode) === undefined ? '' : ` (${String(answer.body.errorCode)})`}`;

  const modification = async (
    path: 'captures' | 'refunds' | 'cancels',
    request: Omit<ModificationRequest, 'amount'> & { amount?: number },
  ): Promise<ModificationResult> => {
    const answer = await call(
      `/payments/${encodeURIComponent(request.providerPaymentReference)}/${path}`,
      request.idempotencyKey,
      {
        merchantAccount: config.merchantAccount,
        reference: request.reference,
        ...(request.amount === undefined
          ? {}
          : { amount: { value: request.amount, currency: request.currency } }),
      },
    );
    const pspReference = text(answer.body.pspReference);
    if (
      answer.status >= 200 &&
      answer.status < 300 &&
      answer.body.status === 'received' &&
      pspReference !== undefined
    )
      return { outcome: 'received', providerReference: pspReference };
    if (answer.status === 400 || answer.status === 422)
      return { outcome: 'failed', reason: errorReason(answer) };
    throw new DomainError(
      'PROVIDER_ERROR',
      `Adyen answered ${answer.status} to a ${path} request without a received status`,
    );
  };

  return {
    name: 'adyen',
    authorise: async (request) => {
      const answer = await call('/payments', request.idempotencyKey, {
        amount: { value: request.amount, currency: request.currency },
        merchantAccount: config.merchantAccount,
        reference: request.reference,
        countryCode: request.market,
        returnUrl: config.returnUrl,
        // A token from the shop's front end or an earlier payment: we never handle card numbers.
        paymentMethod: {
          type: request.method.type === 'card' ? 'scheme' : request.method.type,
          storedPaymentMethodId: request.method.token,
        },
        shopperInteraction: 'ContAuth',
        recurringProcessingModel: 'CardOnFile',
        ...(request.method.shopperReference === undefined
          ? {}
          : { shopperReference: request.method.shopperReference }),
      });
      if (answer.status === 400 || answer.status === 422)
        return { outcome: 'failed', reason: errorReason(answer) };
      const resultCode = text(answer.body.resultCode) ?? '';
      const providerReference = text(answer.body.pspReference);
      const reason = text(answer.body.refusalReason);
      const outcome = RESULTS[resultCode];
      const base = {
        ...(providerReference === undefined ? {} : { providerReference }),
        ...(reason === undefined ? {} : { reason }),
      };
      if (outcome === undefined)
        return {
          outcome: 'failed',
          ...base,
          reason: `Adyen asked for a shopper action (${resultCode || 'no resultCode'}), which this integration does not support`,
        };
      return { outcome, ...base };
    },
    capture: (request) => modification('captures', request),
    refund: (request) => modification('refunds', request),
    cancel: (request) => modification('cancels', request),
    parseWebhook: (rawBody) => parseAdyenNotifications(config.hmacKey, rawBody),
  };
};
