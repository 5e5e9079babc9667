import { DomainError } from '@omnistream/kernel';
import { checkPaymentRequest } from './check-payment-request.js';
import type { AuthorisePaymentData, RecordAuthorisationData } from './payment-commands.js';
import type { PaymentEvent } from './payment-events.js';
import type { OpenPayment, Payment } from './payment-state.js';

/** A provider answers only for its own payments: a notification signed by another is never applied. */
export const checkProvider = (state: OpenPayment, provider: string | undefined): void => {
  if (provider !== undefined && provider !== state.provider)
    throw new DomainError(
      'PAYMENT_PROVIDER_MISMATCH',
      `payment ${state.paymentId} is handled by ${state.provider}, not ${provider}`,
      { paymentId: state.paymentId },
    );
};

export const paymentNotFound = (paymentId: string | undefined): DomainError =>
  new DomainError('PAYMENT_NOT_FOUND', `there is no payment ${paymentId ?? ''}`.trim(), { paymentId });

const sameRequest = (payment: OpenPayment, data: AuthorisePaymentData): boolean =>
  payment.orderId === data.orderId &&
  payment.amount === data.amount &&
  payment.currency === data.currency &&
  payment.market === data.market &&
  payment.method === data.method;

/** Starts a payment; the same request again (a redelivery) adds nothing, a different one under its id is refused. */
export const decideAuthorise = (data: AuthorisePaymentData, state: Payment, now: string): PaymentEvent[] => {
  checkPaymentRequest(data);
  if (state.exists) {
    if (sameRequest(state, data)) return [];
    throw new DomainError(
      'PAYMENT_REQUEST_CONFLICT',
      `payment ${data.paymentId} already exists for order ${state.orderId}, ${state.amount} ${state.currency}; use a new paymentId for a different payment`,
      { paymentId: data.paymentId },
    );
  }
  const { paymentId, orderId, amount, currency, market, method, provider } = data;
  return [
    {
      type: 'PaymentAuthorisationRequested',
      data: { paymentId, orderId, amount, currency, market, method, provider, requestedAt: now },
    },
  ];
};

/**
 * Records the provider's answer. Only an open authorisation moves: the first final answer wins, so a webhook that
 * repeats the synchronous answer (Adyen sends both) or arrives twice adds nothing.
 */
export const decideRecordAuthorisation = (data: RecordAuthorisationData, state: Payment): PaymentEvent[] => {
  if (!state.exists) throw paymentNotFound(undefined);
  checkProvider(state, data.provider);
  const open = state.authorisation === 'requested' || state.authorisation === 'pending';
  if (!open) return [];
  const { paymentId, orderId } = state;
  const providerReference = data.providerReference ?? state.providerReference;
  const reference = providerReference === undefined ? {} : { providerReference };
  switch (data.outcome) {
    case 'pending':
      if (state.authorisation === 'pending' || providerReference === undefined) return [];
      return [
        {
          type: 'PaymentAuthorisationPending',
          data: { paymentId, orderId, providerReference, pendingAt: data.at },
        },
      ];
    case 'authorised':
      if (providerReference === undefined)
        throw new DomainError(
          'INVALID_PROVIDER_ANSWER',
          'an authorisation without a provider reference cannot be captured',
        );
      return [
        {
          type: 'PaymentAuthorised',
          data: {
            paymentId,
            orderId,
            amount: state.amount,
            currency: state.currency,
            providerReference,
            authorisedAt: data.at,
          },
        },
      ];
    case 'refused':
      return [
        {
          type: 'PaymentRefused',
          data: { paymentId, orderId, reason: data.reason ?? 'Refused', ...reference, refusedAt: data.at },
        },
      ];
    case 'failed':
      return [
        {
          type: 'PaymentFailed',
          data: { paymentId, orderId, reason: data.reason ?? 'Error', ...reference, failedAt: data.at },
        },
      ];
  }
};
