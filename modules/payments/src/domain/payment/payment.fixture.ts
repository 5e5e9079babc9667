import type { CommandMetadata } from '@omnistream/kernel';
import type { PaymentCommand } from './payment-commands.js';
import type { PaymentEvent } from './payment-events.js';

/** Test fixture: commands and events of payment p-1 for order o-1, 10,000 EUR cents by card in NL. */
export const now = '2026-03-01T10:00:00.000Z';
const metadata: CommandMetadata = { now };
const ids = { paymentId: 'p-1', orderId: 'o-1' };

export const authorise = (
  change: Partial<Extract<PaymentCommand, { type: 'AuthorisePayment' }>['data']> = {},
): PaymentCommand => ({
  type: 'AuthorisePayment',
  data: {
    ...ids,
    amount: 10_000,
    currency: 'EUR',
    market: 'NL',
    method: 'card',
    provider: 'sandbox',
    ...change,
  },
  metadata,
});
export const recordAuthorisation = (
  outcome: 'authorised' | 'refused' | 'failed' | 'pending',
  reason?: string,
): PaymentCommand => ({
  type: 'RecordAuthorisation',
  data: { outcome, providerReference: 'psp-1', at: now, ...(reason === undefined ? {} : { reason }) },
  metadata,
});
export const capture = (id: string, amount?: number, currency?: string): PaymentCommand => ({
  type: 'CapturePayment',
  data: { id, ...(amount === undefined ? {} : { amount }), ...(currency === undefined ? {} : { currency }) },
  metadata,
});
export const refund = (id: string, amount?: number, currency?: string): PaymentCommand => ({
  type: 'RefundPayment',
  data: { id, ...(amount === undefined ? {} : { amount }), ...(currency === undefined ? {} : { currency }) },
  metadata,
});
export const cancel = (): PaymentCommand => ({ type: 'CancelPayment', data: {}, metadata });
export const outcome = (
  operation: 'capture' | 'refund' | 'cancel',
  sequence: number | undefined,
  success: boolean,
  providerReference?: string,
): PaymentCommand => ({
  type: 'RecordOperationOutcome',
  data: {
    operation,
    success,
    at: now,
    ...(sequence === undefined ? {} : { sequence }),
    ...(providerReference === undefined ? {} : { providerReference }),
    ...(success ? {} : { reason: 'Insufficient balance on payment' }),
  },
  metadata,
});
export const submitted = (
  operation: 'capture' | 'refund' | 'cancel',
  sequence: number,
  providerReference: string,
): PaymentEvent => ({
  type: 'PaymentOperationSubmitted',
  data: { paymentId: 'p-1', operation, sequence, providerReference },
});

export const requested: PaymentEvent = {
  type: 'PaymentAuthorisationRequested',
  data: {
    ...ids,
    amount: 10_000,
    currency: 'EUR',
    market: 'NL',
    method: 'card',
    provider: 'sandbox',
    requestedAt: now,
  },
};
export const authorised: PaymentEvent = {
  type: 'PaymentAuthorised',
  data: { ...ids, amount: 10_000, currency: 'EUR', providerReference: 'psp-1', authorisedAt: now },
};
export const pending: PaymentEvent = {
  type: 'PaymentAuthorisationPending',
  data: { ...ids, providerReference: 'psp-1', pendingAt: now },
};
export const captureRequested = (captureId: string, sequence: number, amount: number): PaymentEvent => ({
  type: 'PaymentCaptureRequested',
  data: { ...ids, captureId, sequence, amount, currency: 'EUR', requestedAt: now },
});
export const captured = (
  captureId: string,
  sequence: number,
  amount: number,
  capturedTotal: number,
): PaymentEvent => ({
  type: 'PaymentCaptured',
  data: {
    ...ids,
    captureId,
    sequence,
    amount,
    currency: 'EUR',
    capturedTotal,
    providerReference: `cap-${sequence}`,
    capturedAt: now,
  },
});
export const refundRequested = (refundId: string, sequence: number, amount: number): PaymentEvent => ({
  type: 'PaymentRefundRequested',
  data: { ...ids, refundId, sequence, amount, currency: 'EUR', requestedAt: now },
});
export const refunded = (
  refundId: string,
  sequence: number,
  amount: number,
  refundedTotal: number,
): PaymentEvent => ({
  type: 'PaymentRefunded',
  data: {
    ...ids,
    refundId,
    sequence,
    amount,
    currency: 'EUR',
    refundedTotal,
    providerReference: `ref-${sequence}`,
    refundedAt: now,
  },
});
export const cancellationRequested = (sequence: number): PaymentEvent => ({
  type: 'PaymentCancellationRequested',
  data: { ...ids, sequence, requestedAt: now },
});
