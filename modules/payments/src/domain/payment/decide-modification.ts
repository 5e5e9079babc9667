import { DomainError } from '@omnistream/kernel';
import { checkAmount, checkSameCurrency } from './check-money.js';
import { checkId } from './check-payment-request.js';
import { paymentNotFound } from './decide-authorisation.js';
import type { ModifyPaymentData } from './payment-commands.js';
import type { PaymentEvent } from './payment-events.js';
import { capturable, operationsOf, refundable, type OpenPayment, type Payment } from './payment-state.js';

const nextSequence = (payment: OpenPayment, kind: 'capture' | 'refund' | 'cancel'): number =>
  operationsOf(payment, kind).length + 1;

const cancellationInFlight = (payment: OpenPayment): boolean =>
  operationsOf(payment, 'cancel').some((op) => op.status === 'requested' || op.status === 'submitted');

/**
 * A capture or refund under an id already used is a redelivery: nothing new, unless it asks for another amount
 * (a conflict) or the earlier attempt failed (then it is tried again under a new sequence, so a new idempotency key).
 */
const isRedelivery = (payment: OpenPayment, kind: 'capture' | 'refund', data: ModifyPaymentData): boolean => {
  const earlier = operationsOf(payment, kind).filter((op) => op.id === data.id);
  const live = earlier.find((op) => op.status !== 'failed');
  if (live === undefined) return false;
  if (data.amount !== undefined && data.amount !== live.amount)
    throw new DomainError(
      kind === 'capture' ? 'PAYMENT_CAPTURE_CONFLICT' : 'PAYMENT_REFUND_CONFLICT',
      `${kind} ${data.id} of payment ${payment.paymentId} was already asked for ${live.amount} ${payment.currency}, not ${data.amount}; use a new ${kind}Id`,
      { paymentId: payment.paymentId, id: data.id },
    );
  return true;
};

const amountOf = (payment: OpenPayment, data: ModifyPaymentData, left: number, verb: string): number => {
  checkSameCurrency(payment.currency, data.currency);
  const amount = data.amount === undefined ? left : checkAmount(data.amount);
  if (amount > left || amount === 0)
    throw new DomainError(
      'PAYMENT_AMOUNT_EXCEEDED',
      left === 0
        ? `nothing of payment ${payment.paymentId} is left to ${verb}`
        : `only ${left} ${payment.currency} of payment ${payment.paymentId} can be ${verb}d, not ${amount}`,
      { paymentId: payment.paymentId, left, amount },
    );
  return amount;
};

export const decideCapture = (data: ModifyPaymentData, state: Payment, now: string): PaymentEvent[] => {
  checkId(data.id, 'captureId', 'INVALID_CAPTURE_ID');
  if (!state.exists) throw paymentNotFound(undefined);
  if (isRedelivery(state, 'capture', data)) return [];
  if (state.authorisation !== 'authorised')
    throw new DomainError(
      'PAYMENT_NOT_AUTHORISED',
      `payment ${state.paymentId} is ${state.authorisation}; only an authorised payment can be captured`,
      { paymentId: state.paymentId, authorisation: state.authorisation },
    );
  if (cancellationInFlight(state))
    throw new DomainError('PAYMENT_BEING_CANCELLED', `payment ${state.paymentId} is being cancelled`);
  const amount = amountOf(state, data, capturable(state), 'capture');
  const { paymentId, orderId, currency } = state;
  return [
    {
      type: 'PaymentCaptureRequested',
      data: {
        paymentId,
        orderId,
        captureId: data.id,
        sequence: nextSequence(state, 'capture'),
        amount,
        currency,
        requestedAt: now,
      },
    },
  ];
};

/** Refunds draw on what was captured (succeeded captures only), so the refunded total never exceeds it. */
export const decideRefund = (data: ModifyPaymentData, state: Payment, now: string): PaymentEvent[] => {
  checkId(data.id, 'refundId', 'INVALID_REFUND_ID');
  if (!state.exists) throw paymentNotFound(undefined);
  if (isRedelivery(state, 'refund', data)) return [];
  const amount = amountOf(state, data, refundable(state), 'refund');
  const { paymentId, orderId, currency } = state;
  return [
    {
      type: 'PaymentRefundRequested',
      data: {
        paymentId,
        orderId,
        refundId: data.id,
        sequence: nextSequence(state, 'refund'),
        amount,
        currency,
        requestedAt: now,
      },
    },
  ];
};

/**
 * Voids the authorisation; a compensation, so it may run twice and on payments that never got authorised: those
 * are no-ops. A payment the provider never answered is cancelled at once, since there is nothing known to void.
 */
export const decideCancel = (state: Payment, now: string): PaymentEvent[] => {
  if (!state.exists) throw paymentNotFound(undefined);
  const { paymentId, orderId } = state;
  switch (state.authorisation) {
    case 'refused':
    case 'failed':
    case 'cancelled':
      return [];
    case 'requested':
    case 'pending':
    case 'authorised':
      break;
  }
  if (cancellationInFlight(state)) return [];
  if (operationsOf(state, 'capture').some((op) => op.status !== 'failed'))
    throw new DomainError(
      'PAYMENT_NOT_CANCELLABLE',
      `payment ${paymentId} has captures; a captured payment is refunded, not cancelled`,
      { paymentId },
    );
  const sequence = nextSequence(state, 'cancel');
  const requested: PaymentEvent = {
    type: 'PaymentCancellationRequested',
    data: { paymentId, orderId, sequence, requestedAt: now },
  };
  if (state.providerReference !== undefined) return [requested];
  return [requested, { type: 'PaymentCancelled', data: { paymentId, orderId, sequence, cancelledAt: now } }];
};
