/**
 * The commands payments takes from sagas (topic `payments.commands`, inside SagaCommandIssued), and what its
 * replies carry. Every command is idempotent: a capture or refund is named by its id, and the same id twice
 * moves money once.
 */
export interface AuthorisePayment {
  readonly paymentId: string;
  readonly orderId: string;
  readonly amount: number;
  readonly currency: string;
  readonly market: string;
  /** The method and the opaque token from the payment page (a sandbox test card in development). */
  readonly paymentMethod: { readonly type: string; readonly token: string };
}
export interface CapturePayment {
  readonly paymentId: string;
  readonly captureId: string;
  readonly amount: number;
}
export interface CancelPayment {
  readonly paymentId: string;
}
export interface RefundPayment {
  readonly paymentId: string;
  readonly refundId: string;
  readonly amount: number;
}

/** The payment's status after the command; outcomes that come later arrive as the public payment events. */
export interface PaymentCommandResult {
  readonly paymentId: string;
  readonly status: string;
}

export type PaymentsSagaCommand =
  | { readonly type: 'AuthorisePayment'; readonly data: AuthorisePayment }
  | { readonly type: 'CapturePayment'; readonly data: CapturePayment }
  | { readonly type: 'CancelPayment'; readonly data: CancelPayment }
  | { readonly type: 'RefundPayment'; readonly data: RefundPayment };
