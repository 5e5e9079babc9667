import { DomainError } from '@omnistream/kernel';
import { checkProvider, paymentNotFound } from './decide-authorisation.js';
import type { RecordOperationOutcomeData, RecordSubmissionData } from './payment-commands.js';
import type { PaymentEvent } from './payment-events.js';
import { operationsOf, type OpenPayment, type Payment, type PaymentOperation } from './payment-state.js';

const findOperation = (
  payment: OpenPayment,
  data: { operation: PaymentOperation['kind']; sequence?: number; providerReference?: string },
): PaymentOperation => {
  const candidates = operationsOf(payment, data.operation);
  const found =
    data.sequence === undefined
      ? candidates.find(
          (op) => op.providerReference !== undefined && op.providerReference === data.providerReference,
        )
      : candidates.find((op) => op.sequence === data.sequence);
  if (found === undefined)
    throw new DomainError(
      'PAYMENT_OPERATION_NOT_FOUND',
      `payment ${payment.paymentId} has no ${data.operation} ${data.sequence ?? data.providerReference ?? ''}`.trim(),
      { paymentId: payment.paymentId, operation: data.operation },
    );
  return found;
};

/** The provider took the operation and named it; later answers about it are found by that name too. */
export const decideRecordSubmission = (data: RecordSubmissionData, state: Payment): PaymentEvent[] => {
  if (!state.exists) throw paymentNotFound(undefined);
  const operation = findOperation(state, data);
  if (operation.status !== 'requested') return [];
  return [
    {
      type: 'PaymentOperationSubmitted',
      data: {
        paymentId: state.paymentId,
        operation: data.operation,
        sequence: operation.sequence,
        providerReference: data.providerReference,
      },
    },
  ];
};

/** The first outcome of an operation wins; the same notification twice, or a late synchronous answer, adds nothing. */
export const decideRecordOutcome = (data: RecordOperationOutcomeData, state: Payment): PaymentEvent[] => {
  if (!state.exists) throw paymentNotFound(undefined);
  checkProvider(state, data.provider);
  const operation = findOperation(state, data);
  if (operation.status === 'succeeded' || operation.status === 'failed') return [];
  const { paymentId, orderId, currency } = state;
  const { sequence, amount } = operation;
  const providerReference =
    data.providerReference ?? operation.providerReference ?? state.providerReference ?? '';
  const reason = data.reason ?? 'refused by the provider';
  switch (data.operation) {
    case 'capture': {
      const base = { paymentId, orderId, captureId: operation.id, sequence, amount, currency };
      return data.success
        ? [
            {
              type: 'PaymentCaptured',
              data: {
                ...base,
                capturedTotal: state.captured + amount,
                providerReference,
                capturedAt: data.at,
              },
            },
          ]
        : [{ type: 'PaymentCaptureFailed', data: { ...base, reason, failedAt: data.at } }];
    }
    case 'refund': {
      const base = { paymentId, orderId, refundId: operation.id, sequence, amount, currency };
      return data.success
        ? [
            {
              type: 'PaymentRefunded',
              data: {
                ...base,
                refundedTotal: state.refunded + amount,
                providerReference,
                refundedAt: data.at,
              },
            },
          ]
        : [{ type: 'PaymentRefundFailed', data: { ...base, reason, failedAt: data.at } }];
    }
    case 'cancel':
      return data.success
        ? [
            {
              type: 'PaymentCancelled',
              data: {
                paymentId,
                orderId,
                sequence,
                ...(providerReference === '' ? {} : { providerReference }),
                cancelledAt: data.at,
              },
            },
          ]
        : [
            {
              type: 'PaymentCancellationFailed',
              data: { paymentId, orderId, sequence, reason, failedAt: data.at },
            },
          ];
  }
};
