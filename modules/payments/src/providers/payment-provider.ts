/**
 * The port every payment provider adapter implements (sandbox, Adyen, ...). Each call carries an idempotency key
 * derived from the payment id, the operation and its sequence, so a retry after a crash is the same request to the
 * provider and can never authorise, capture or refund twice.
 */
export interface PaymentMethodDetails {
  /** Routing key and the provider's method type: card, paypal, klarna, ... */
  readonly type: string;
  /**
   * The provider's opaque token for the shopper's means of payment (a stored payment method id, or in the sandbox a
   * test card number). Sent to the provider only, never stored in events or logged.
   */
  readonly token: string;
  /** The shopper's id at the provider, for stored payment methods. */
  readonly shopperReference?: string;
}

export interface AuthoriseRequest {
  readonly paymentId: string;
  /** Our reference of the payment at the provider (Adyen `reference`); notifications quote it back. */
  readonly reference: string;
  readonly amount: number;
  readonly currency: string;
  readonly market: string;
  readonly method: PaymentMethodDetails;
  readonly idempotencyKey: string;
}

export interface AuthoriseResult {
  readonly outcome: 'authorised' | 'refused' | 'failed' | 'pending';
  readonly providerReference?: string;
  readonly reason?: string;
}

export interface ModificationRequest {
  readonly paymentId: string;
  /** `<paymentId>.<operation>.<sequence>`: notifications about the modification quote it back. */
  readonly reference: string;
  /** The provider's reference of the payment being modified. */
  readonly providerPaymentReference: string;
  readonly amount: number;
  readonly currency: string;
  readonly idempotencyKey: string;
}

/** `received`: taken, the outcome follows as a notification (Adyen's only answer to modifications). */
export type ModificationResult =
  | { readonly outcome: 'received' | 'succeeded'; readonly providerReference: string }
  | { readonly outcome: 'failed'; readonly reason: string };

export type NotificationKind = 'authorisation' | 'capture' | 'refund' | 'cancel';

/** A provider's webhook item, normalised. */
export interface ProviderNotification {
  /** The provider's identity of this notification: a redelivery carries the same one. */
  readonly id: string;
  readonly paymentId: string;
  readonly kind: NotificationKind;
  /** The operation's sequence, when the provider quoted our modification reference. */
  readonly sequence?: number;
  readonly success: boolean;
  readonly providerReference: string;
  readonly reason?: string;
  /** ISO 8601 UTC, when the provider says it happened. */
  readonly occurredAt?: string;
}

export interface ParsedWebhook {
  readonly notifications: readonly ProviderNotification[];
  /** The body the provider expects back, e.g. Adyen's `[accepted]`. */
  readonly acknowledgement: string;
}

export interface PaymentProvider {
  readonly name: string;
  authorise(request: AuthoriseRequest): Promise<AuthoriseResult>;
  capture(request: ModificationRequest): Promise<ModificationResult>;
  refund(request: ModificationRequest): Promise<ModificationResult>;
  cancel(request: Omit<ModificationRequest, 'amount'>): Promise<ModificationResult>;
  /** Verifies the signature (WEBHOOK_SIGNATURE_INVALID when it does not) and normalises every item. */
  parseWebhook(rawBody: string, headers: Readonly<Record<string, string | undefined>>): ParsedWebhook;
  /** Stops background work (scheduled webhooks of the sandbox). */
  close?(): Promise<void>;
}
