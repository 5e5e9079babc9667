/**
 * The payments context's public language: payment event data (JSON Schemas in payment/, these types written by
 * hand to match them). The order saga reacts to these: authorised, refused, failed, captured, cancelled, refunded.
 */
export type {
  PaymentEventBase,
  PaymentAuthorisationRequested,
  PaymentAuthorisationPending,
  PaymentAuthorised,
  PaymentRefused,
  PaymentFailed,
  PaymentCaptureRequested,
  PaymentCaptured,
  PaymentCaptureFailed,
  PaymentCancellationRequested,
  PaymentCancelled,
  PaymentCancellationFailed,
  PaymentRefundRequested,
  PaymentRefunded,
  PaymentRefundFailed,
  PaymentEventDataByType,
  PaymentEventType,
} from './payment/payment-events.js';
export type {
  AuthorisePayment,
  CapturePayment,
  CancelPayment,
  RefundPayment,
  PaymentCommandResult,
  PaymentsSagaCommand,
} from './saga-commands.js';
