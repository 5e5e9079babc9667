export {
  createPaymentsModule,
  paymentsProjections,
  paymentsAppendHooks,
  type PaymentsModule,
  type PaymentsModuleDependencies,
} from './payments-module.js';
export {
  type PaymentOperations,
  type AuthorisePaymentInput,
  type ModifyPaymentInput,
  type CommandContext,
} from './operations/payment-operations.js';
export { parsePaymentsConfig } from './config/parse-payments-config.js';
export {
  defaultPaymentsConfig,
  type PaymentsConfig,
  type PaymentRoute,
  type SandboxConfig,
  type AdyenConfig,
  type ProviderName,
} from './config/payments-config.js';
export type {
  PaymentMethodDetails,
  PaymentProvider,
  ProviderNotification,
} from './providers/payment-provider.js';
export { SANDBOX_CARDS } from './providers/sandbox/sandbox-cards.js';
export { paymentStreamId } from './domain/payment/payment.js';
export type { Payment, OpenPayment, PaymentStatus } from './domain/payment/payment-state.js';
