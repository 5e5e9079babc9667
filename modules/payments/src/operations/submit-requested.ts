import { DomainError, type CommandMetadata } from '@omnistream/kernel';
import type { CommandHandler } from '@omnistream/event-store';
import type { PaymentCommand } from '../domain/payment/payment-commands.js';
import { paymentStreamId } from '../domain/payment/payment.js';
import type { OpenPayment, Payment } from '../domain/payment/payment-state.js';
import { providerIdempotencyKey } from '../providers/name-based-id.js';
import { operationReference } from '../providers/operation-reference.js';
import type { ModificationResult, PaymentProvider } from '../providers/payment-provider.js';

export const providerOf = (
  providers: ReadonlyMap<string, PaymentProvider>,
  payment: OpenPayment,
): PaymentProvider => {
  const provider = providers.get(payment.provider);
  if (provider === undefined)
    throw new DomainError('PROVIDER_ERROR', `payment provider ${payment.provider} is not configured here`);
  return provider;
};

/**
 * Sends every operation of the payment that was asked but not yet taken by the provider, each with its own
 * idempotency key: the one just asked, and any left behind by a crash between recording and sending.
 */
export const submitRequested = async (
  handle: CommandHandler<PaymentCommand, Payment>,
  providers: ReadonlyMap<string, PaymentProvider>,
  start: OpenPayment,
  metadata: () => CommandMetadata,
): Promise<Payment> => {
  let state: Payment = start;
  const stream = paymentStreamId(start.paymentId);
  for (const operation of start.operations.filter((op) => op.status === 'requested')) {
    if (start.providerReference === undefined) continue; // nothing at the provider to modify
    const provider = providerOf(providers, start);
    const request = {
      paymentId: start.paymentId,
      reference: operationReference(start.paymentId, operation.kind, operation.sequence),
      providerPaymentReference: start.providerReference,
      currency: start.currency,
      idempotencyKey: providerIdempotencyKey(start.paymentId, operation.kind, operation.sequence),
    };
    const result: ModificationResult =
      operation.kind === 'cancel'
        ? await provider.cancel(request)
        : await provider[operation.kind]({ ...request, amount: operation.amount });
    const { kind, sequence } = operation;
    const record = (command: PaymentCommand) => handle(stream, command).then((r) => (state = r.state));
    switch (result.outcome) {
      case 'received':
        await record({
          type: 'RecordSubmission',
          data: { operation: kind, sequence, providerReference: result.providerReference },
          metadata: metadata(),
        });
        break;
      case 'succeeded':
        await record({
          type: 'RecordSubmission',
          data: { operation: kind, sequence, providerReference: result.providerReference },
          metadata: metadata(),
        });
        await record({
          type: 'RecordOperationOutcome',
          data: {
            operation: kind,
            sequence,
            success: true,
            providerReference: result.providerReference,
            at: metadata().now,
          },
          metadata: metadata(),
        });
        break;
      case 'failed':
        await record({
          type: 'RecordOperationOutcome',
          data: { operation: kind, sequence, success: false, reason: result.reason, at: metadata().now },
          metadata: metadata(),
        });
        break;
    }
  }
  return state;
};
