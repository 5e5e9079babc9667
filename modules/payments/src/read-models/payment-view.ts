import type { EventEnvelope } from '@omnistream/kernel';
import {
  paymentStatus,
  type OpenPayment,
  type PaymentOperation,
  type PaymentStatus,
} from '../domain/payment/payment-state.js';

export interface OperationView {
  readonly id: string;
  readonly sequence: number;
  readonly amount: number;
  readonly status: PaymentOperation['status'];
  readonly providerReference?: string;
}

export interface PaymentView {
  readonly paymentId: string;
  readonly orderId: string;
  readonly status: PaymentStatus;
  readonly amount: number;
  readonly currency: string;
  readonly market: string;
  readonly method: string;
  readonly provider: string;
  readonly providerReference?: string;
  readonly captured: number;
  readonly refunded: number;
  readonly captures: readonly OperationView[];
  readonly refunds: readonly OperationView[];
  readonly cancellations: readonly OperationView[];
  readonly version: number;
}

export interface PaymentHistoryEntry {
  readonly version: number;
  readonly type: string;
  readonly at: string;
  readonly data: unknown;
}

const operations = (payment: OpenPayment, kind: PaymentOperation['kind']): OperationView[] =>
  payment.operations
    .filter((op) => op.kind === kind)
    .map(({ id, sequence, amount, status, providerReference }) => ({
      id,
      sequence,
      amount,
      status,
      ...(providerReference === undefined ? {} : { providerReference }),
    }));

export const toPaymentView = (payment: OpenPayment, version: number): PaymentView => ({
  paymentId: payment.paymentId,
  orderId: payment.orderId,
  status: paymentStatus(payment),
  amount: payment.amount,
  currency: payment.currency,
  market: payment.market,
  method: payment.method,
  provider: payment.provider,
  ...(payment.providerReference === undefined ? {} : { providerReference: payment.providerReference }),
  captured: payment.captured,
  refunded: payment.refunded,
  captures: operations(payment, 'capture'),
  refunds: operations(payment, 'refund'),
  cancellations: operations(payment, 'cancel'),
  version,
});

export const toHistory = (events: readonly EventEnvelope[]): PaymentHistoryEntry[] =>
  events.map((event) => ({
    version: event.version,
    type: event.type,
    at: event.metadata.occurredAt ?? event.recordedAt,
    data: event.data,
  }));
