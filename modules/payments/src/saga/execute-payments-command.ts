import { DomainError } from '@omnistream/kernel';
import type { PaymentCommandResult, PaymentsSagaCommand } from '@omnistream/contracts/payments';
import { paymentStatus } from '../domain/payment/payment-state.js';
import type { Payment } from '../domain/payment/payment-state.js';
import type { PaymentOperations } from '../operations/payment-operations.js';

const result = (paymentId: string, payment: Payment): PaymentCommandResult => ({
  paymentId,
  status: payment.exists ? paymentStatus(payment) : 'unknown',
});

/** Payments' saga command executor (platform/sagas startSagaCommandConsumer): every command idempotent. */
export const executePaymentsCommand =
  (operations: PaymentOperations) =>
  async (
    command: { readonly type: string; readonly data: unknown },
    context: { readonly correlationId?: string; readonly commandId: string },
  ): Promise<PaymentCommandResult> => {
    const known = command as PaymentsSagaCommand;
    const ctx = {
      causationId: context.commandId,
      ...(context.correlationId === undefined ? {} : { correlationId: context.correlationId }),
    };
    switch (known.type) {
      case 'AuthorisePayment':
        return result(known.data.paymentId, await operations.authorise(known.data, ctx));
      case 'CapturePayment': {
        const { paymentId, captureId, amount } = known.data;
        return result(paymentId, await operations.capture(paymentId, { id: captureId, amount }, ctx));
      }
      case 'CancelPayment':
        return result(known.data.paymentId, await operations.cancel(known.data.paymentId, ctx));
      case 'RefundPayment': {
        const { paymentId, refundId, amount } = known.data;
        return result(paymentId, await operations.refund(paymentId, { id: refundId, amount }, ctx));
      }
      default:
        throw new DomainError(
          'UNKNOWN_COMMAND',
          `payments takes no saga command ${JSON.stringify(command.type)}`,
        );
    }
  };
