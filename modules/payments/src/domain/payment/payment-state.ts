/** Where the authorisation stands. Captures, refunds and cancellations are operations beside it. */
export type AuthorisationStatus = 'requested' | 'pending' | 'authorised' | 'refused' | 'failed' | 'cancelled';

export type OperationKind = 'capture' | 'refund' | 'cancel';

/**
 * One capture, refund or cancellation: asked (recorded before the provider is called, so a crash leaves a trace
 * and a retry reuses its idempotency key), submitted (the provider took it), then succeeded or failed.
 */
export interface PaymentOperation {
  readonly kind: OperationKind;
  /** 1, 2, ... per kind: with the payment id and kind it derives the provider idempotency key. */
  readonly sequence: number;
  /** The caller's name for it (captureId, refundId); the sequence as a string for cancellations. */
  readonly id: string;
  readonly amount: number;
  readonly status: 'requested' | 'submitted' | 'succeeded' | 'failed';
  readonly providerReference?: string;
}

export interface OpenPayment {
  readonly exists: true;
  readonly paymentId: string;
  readonly orderId: string;
  readonly amount: number;
  readonly currency: string;
  readonly market: string;
  readonly method: string;
  readonly provider: string;
  readonly authorisation: AuthorisationStatus;
  /** The provider's reference of the payment (Adyen pspReference); modifications name it. */
  readonly providerReference?: string;
  readonly operations: readonly PaymentOperation[];
  readonly captured: number;
  readonly refunded: number;
}

export type Payment = { readonly exists: false } | OpenPayment;

export const initialPayment = (): Payment => ({ exists: false });

export const operationsOf = (payment: OpenPayment, kind: OperationKind): readonly PaymentOperation[] =>
  payment.operations.filter((operation) => operation.kind === kind);

/** What is held and not yet captured nor being captured. */
export const capturable = (payment: OpenPayment): number =>
  payment.amount -
  operationsOf(payment, 'capture')
    .filter((operation) => operation.status !== 'failed')
    .reduce((sum, operation) => sum + operation.amount, 0);

/** What was captured and is neither refunded nor being refunded. */
export const refundable = (payment: OpenPayment): number =>
  payment.captured -
  operationsOf(payment, 'refund')
    .filter((operation) => operation.status !== 'failed')
    .reduce((sum, operation) => sum + operation.amount, 0);

/** The one summary status a person reads; derived, never stored. */
export type PaymentStatus =
  | 'authorisation_requested'
  | 'pending'
  | 'authorised'
  | 'refused'
  | 'failed'
  | 'cancelled'
  | 'partially_captured'
  | 'captured'
  | 'partially_refunded'
  | 'refunded';

export const paymentStatus = (payment: OpenPayment): PaymentStatus => {
  switch (payment.authorisation) {
    case 'requested':
      return 'authorisation_requested';
    case 'pending':
    case 'refused':
    case 'failed':
    case 'cancelled':
      return payment.authorisation;
    case 'authorised':
      if (payment.refunded > 0)
        return payment.refunded >= payment.captured ? 'refunded' : 'partially_refunded';
      if (payment.captured > 0) return payment.captured >= payment.amount ? 'captured' : 'partially_captured';
      return 'authorised';
  }
};
