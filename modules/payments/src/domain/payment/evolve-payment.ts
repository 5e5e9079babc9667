import type { PaymentEvent } from './payment-events.js';
import type { OpenPayment, OperationKind, Payment, PaymentOperation } from './payment-state.js';

const updateOperation = (
  payment: OpenPayment,
  kind: OperationKind,
  sequence: number,
  change: Partial<PaymentOperation>,
): OpenPayment => ({
  ...payment,
  operations: payment.operations.map((op) =>
    op.kind === kind && op.sequence === sequence ? { ...op, ...change } : op,
  ),
});

const addOperation = (payment: OpenPayment, operation: PaymentOperation): OpenPayment => ({
  ...payment,
  operations: [...payment.operations, operation],
});

export const evolvePayment = (state: Payment, event: PaymentEvent): Payment => {
  if (event.type === 'PaymentAuthorisationRequested') {
    const { paymentId, orderId, amount, currency, market, method, provider } = event.data;
    return {
      exists: true,
      paymentId,
      orderId,
      amount,
      currency,
      market,
      method,
      provider,
      authorisation: 'requested',
      operations: [],
      captured: 0,
      refunded: 0,
    };
  }
  if (!state.exists) return state; // a stream always starts with the request; nothing else can come first
  switch (event.type) {
    case 'PaymentAuthorisationPending':
      return { ...state, authorisation: 'pending', providerReference: event.data.providerReference };
    case 'PaymentAuthorised':
      return { ...state, authorisation: 'authorised', providerReference: event.data.providerReference };
    case 'PaymentRefused':
    case 'PaymentFailed': {
      const { providerReference } = event.data;
      return {
        ...state,
        authorisation: event.type === 'PaymentRefused' ? 'refused' : 'failed',
        ...(providerReference === undefined ? {} : { providerReference }),
      };
    }
    case 'PaymentCaptureRequested':
      return addOperation(state, {
        kind: 'capture',
        sequence: event.data.sequence,
        id: event.data.captureId,
        amount: event.data.amount,
        status: 'requested',
      });
    case 'PaymentRefundRequested':
      return addOperation(state, {
        kind: 'refund',
        sequence: event.data.sequence,
        id: event.data.refundId,
        amount: event.data.amount,
        status: 'requested',
      });
    case 'PaymentCancellationRequested':
      return addOperation(state, {
        kind: 'cancel',
        sequence: event.data.sequence,
        id: String(event.data.sequence),
        amount: 0,
        status: 'requested',
      });
    case 'PaymentOperationSubmitted':
      return updateOperation(state, event.data.operation, event.data.sequence, {
        status: 'submitted',
        providerReference: event.data.providerReference,
      });
    case 'PaymentCaptured':
      return {
        ...updateOperation(state, 'capture', event.data.sequence, {
          status: 'succeeded',
          providerReference: event.data.providerReference,
        }),
        captured: event.data.capturedTotal,
      };
    case 'PaymentRefunded':
      return {
        ...updateOperation(state, 'refund', event.data.sequence, {
          status: 'succeeded',
          providerReference: event.data.providerReference,
        }),
        refunded: event.data.refundedTotal,
      };
    case 'PaymentCancelled':
      return {
        ...updateOperation(state, 'cancel', event.data.sequence, { status: 'succeeded' }),
        authorisation: 'cancelled',
      };
    case 'PaymentCaptureFailed':
      return updateOperation(state, 'capture', event.data.sequence, { status: 'failed' });
    case 'PaymentRefundFailed':
      return updateOperation(state, 'refund', event.data.sequence, { status: 'failed' });
    case 'PaymentCancellationFailed':
      return updateOperation(state, 'cancel', event.data.sequence, { status: 'failed' });
  }
};
