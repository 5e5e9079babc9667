/**
 * Data of the public payment events (stream `payment-<paymentId>`, Kafka topic `payments.payment`), written by hand
 * to match the JSON Schemas beside this file. Wire format: change only together with a compatible schema edit.
 *
 * Amounts are integer minor units of `currency` (ISO 4217). Times are ISO 8601 UTC. Every event names its payment
 * and the order it pays for, so a consumer (the order saga) never needs to read the stream to route it.
 */
export interface PaymentEventBase {
  readonly paymentId: string;
  readonly orderId: string;
}

/** The payment exists: its authorisation was asked of `provider`; an outcome event follows. */
export interface PaymentAuthorisationRequested extends PaymentEventBase {
  readonly amount: number;
  readonly currency: string;
  /** ISO 3166-1 alpha-2 market the order was placed in; with `method` it chose the provider. */
  readonly market: string;
  /** Payment method type, e.g. card, paypal, klarna; never the card number or token. */
  readonly method: string;
  readonly provider: string;
  readonly requestedAt: string;
}

/** The provider took the authorisation but has not decided yet; the outcome arrives later (webhook). */
export interface PaymentAuthorisationPending extends PaymentEventBase {
  readonly providerReference: string;
  readonly pendingAt: string;
}

/** The funds are held: the payment may now be captured (in parts) or cancelled. */
export interface PaymentAuthorised extends PaymentEventBase {
  readonly amount: number;
  readonly currency: string;
  readonly providerReference: string;
  readonly authorisedAt: string;
}

/** The issuer or the provider's risk checks declined the payment (final). */
export interface PaymentRefused extends PaymentEventBase {
  /** Why, as the provider put it, e.g. "Insufficient funds"; safe to show to a shopper. */
  readonly reason: string;
  readonly providerReference?: string;
  readonly refusedAt: string;
}

/** The authorisation ended in an error (final): nothing is held, the shopper may try again with a new payment. */
export interface PaymentFailed extends PaymentEventBase {
  readonly reason: string;
  readonly providerReference?: string;
  readonly failedAt: string;
}

/** A capture of `amount` was asked of the provider; `captureId` is the caller's name for it (e.g. a shipment). */
export interface PaymentCaptureRequested extends PaymentEventBase {
  readonly captureId: string;
  /** 1 for the first capture of the payment, then 2, ...; names the capture in provider references. */
  readonly sequence: number;
  readonly amount: number;
  readonly currency: string;
  readonly requestedAt: string;
}

/** The capture went through: money moves to the merchant. `capturedTotal` counts every capture so far. */
export interface PaymentCaptured extends PaymentEventBase {
  readonly captureId: string;
  readonly sequence: number;
  readonly amount: number;
  readonly currency: string;
  readonly capturedTotal: number;
  readonly providerReference: string;
  readonly capturedAt: string;
}

export interface PaymentCaptureFailed extends PaymentEventBase {
  readonly captureId: string;
  readonly sequence: number;
  readonly amount: number;
  readonly currency: string;
  readonly reason: string;
  readonly failedAt: string;
}

/** Voiding the authorisation was asked of the provider. */
export interface PaymentCancellationRequested extends PaymentEventBase {
  readonly sequence: number;
  readonly requestedAt: string;
}

/** The authorisation is void (final): nothing was captured and nothing is held any more. */
export interface PaymentCancelled extends PaymentEventBase {
  readonly sequence: number;
  readonly providerReference?: string;
  readonly cancelledAt: string;
}

/** The provider could not void the authorisation; the payment is as it was before the request. */
export interface PaymentCancellationFailed extends PaymentEventBase {
  readonly sequence: number;
  readonly reason: string;
  readonly failedAt: string;
}

export interface PaymentRefundRequested extends PaymentEventBase {
  readonly refundId: string;
  readonly sequence: number;
  readonly amount: number;
  readonly currency: string;
  readonly requestedAt: string;
}

/** Money went back to the shopper. `refundedTotal` counts every refund so far; it never exceeds what was captured. */
export interface PaymentRefunded extends PaymentEventBase {
  readonly refundId: string;
  readonly sequence: number;
  readonly amount: number;
  readonly currency: string;
  readonly refundedTotal: number;
  readonly providerReference: string;
  readonly refundedAt: string;
}

export interface PaymentRefundFailed extends PaymentEventBase {
  readonly refundId: string;
  readonly sequence: number;
  readonly amount: number;
  readonly currency: string;
  readonly reason: string;
  readonly failedAt: string;
}

export interface PaymentEventDataByType {
  readonly PaymentAuthorisationRequested: PaymentAuthorisationRequested;
  readonly PaymentAuthorisationPending: PaymentAuthorisationPending;
  readonly PaymentAuthorised: PaymentAuthorised;
  readonly PaymentRefused: PaymentRefused;
  readonly PaymentFailed: PaymentFailed;
  readonly PaymentCaptureRequested: PaymentCaptureRequested;
  readonly PaymentCaptured: PaymentCaptured;
  readonly PaymentCaptureFailed: PaymentCaptureFailed;
  readonly PaymentCancellationRequested: PaymentCancellationRequested;
  readonly PaymentCancelled: PaymentCancelled;
  readonly PaymentCancellationFailed: PaymentCancellationFailed;
  readonly PaymentRefundRequested: PaymentRefundRequested;
  readonly PaymentRefunded: PaymentRefunded;
  readonly PaymentRefundFailed: PaymentRefundFailed;
}

export type PaymentEventType = keyof PaymentEventDataByType;
