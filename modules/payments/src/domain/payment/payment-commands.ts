import type { Command } from '@omnistream/kernel';
import type { OperationKind } from './payment-state.js';

export interface AuthorisePaymentData {
  readonly paymentId: string;
  readonly orderId: string;
  readonly amount: number;
  readonly currency: string;
  readonly market: string;
  /** The method's type (card, paypal, ...): never the card number or token, which stay out of the stream. */
  readonly method: string;
  /** Chosen by the routing configuration at the edge; every later operation goes to the same provider. */
  readonly provider: string;
}

/** What the provider answered to an authorisation, synchronously or in a notification. */
export interface RecordAuthorisationData {
  readonly outcome: 'authorised' | 'refused' | 'failed' | 'pending';
  readonly providerReference?: string;
  readonly reason?: string;
  /** When the provider decided (its notification time) or when we heard it. */
  readonly at: string;
  /** The provider that answered; a notification from another provider than the payment's is refused. */
  readonly provider?: string;
}

/** A capture or refund: `id` names it so a redelivery is recognised; amount defaults to all that is left. */
export interface ModifyPaymentData {
  readonly id: string;
  readonly amount?: number;
  /** When given, it must be the payment's: a mismatch is refused, never converted. */
  readonly currency?: string;
}

export interface RecordSubmissionData {
  readonly operation: OperationKind;
  readonly sequence: number;
  readonly providerReference: string;
}

/** The outcome of a capture, refund or cancellation; `sequence` absent means "find it by providerReference". */
export interface RecordOperationOutcomeData {
  readonly operation: OperationKind;
  readonly sequence?: number;
  readonly success: boolean;
  readonly providerReference?: string;
  readonly reason?: string;
  readonly at: string;
  readonly provider?: string;
}

export type PaymentCommand =
  | Command<'AuthorisePayment', AuthorisePaymentData>
  | Command<'RecordAuthorisation', RecordAuthorisationData>
  | Command<'CapturePayment', ModifyPaymentData>
  | Command<'RefundPayment', ModifyPaymentData>
  | Command<'CancelPayment', Record<string, never>>
  | Command<'RecordSubmission', RecordSubmissionData>
  | Command<'RecordOperationOutcome', RecordOperationOutcomeData>;
