import { DomainError } from '@omnistream/kernel';
import type {
  RecordPaymentAuthorised,
  RecordPaymentCaptured,
  RecordRefund,
  RecordStockReserved,
} from './order-commands.js';
import type { OrderEvent } from './order-event.js';
import type { Order, PaymentState } from './order-state.js';
import { assertOpen } from './order-facts.js';

const positive = (amount: number) => {
  if (!Number.isSafeInteger(amount) || amount < 1)
    throw new DomainError('INVALID_AMOUNT', `amount must be whole minor units of at least 1, got ${amount}`);
};

const authorisedPayment = (order: Order, paymentId: string): PaymentState => {
  const { payment } = order;
  if (payment === null)
    throw new DomainError(
      'ORDER_PAYMENT_NOT_AUTHORISED',
      `order ${order.placed.orderId} has no authorised payment`,
    );
  if (payment.paymentId !== paymentId)
    throw new DomainError(
      'ORDER_PAYMENT_MISMATCH',
      `order ${order.placed.orderId} is paid by ${payment.paymentId}, not ${paymentId}`,
    );
  return payment;
};

/** Stock reservations and payment facts, recorded as the saga reports them. */
export const decidePayment = (
  command: RecordStockReserved | RecordPaymentAuthorised | RecordPaymentCaptured | RecordRefund,
  order: Order,
): OrderEvent[] => {
  const now = command.metadata.now;
  const { orderId, currency } = order.placed;
  switch (command.type) {
    case 'RecordStockReserved': {
      if (order.stockReserved) return []; // recorded already
      assertOpen(order, 'record reserved stock');
      const byLine = new Map(command.data.reservations.map((r) => [r.lineId, r.reservationId]));
      const reservations = order.lines.flatMap((l) => {
        const reservationId = byLine.get(l.line.lineId);
        if (reservationId === undefined) {
          if (l.status !== 'open') return [];
          throw new DomainError('INVALID_RESERVATIONS', `no reservation for open line ${l.line.lineId}`);
        }
        return [{ lineId: l.line.lineId, sku: l.line.sku, quantity: l.line.quantity, reservationId }];
      });
      if (reservations.length !== byLine.size)
        throw new DomainError(
          'INVALID_RESERVATIONS',
          `reservations name lines order ${orderId} does not have`,
        );
      return [{ type: 'OrderStockReserved', data: { orderId, reservations, at: now } }];
    }
    case 'RecordPaymentAuthorised': {
      const { paymentId, amount } = command.data;
      if (order.payment?.paymentId === paymentId) return [];
      assertOpen(order, 'record an authorisation');
      if (order.payment !== null)
        throw new DomainError(
          'ORDER_PAYMENT_CONFLICT',
          `order ${orderId} is already authorised by payment ${order.payment.paymentId}`,
        );
      if (!order.stockReserved)
        throw new DomainError('ORDER_STOCK_NOT_RESERVED', `order ${orderId} has no stock reserved yet`);
      positive(amount);
      if (amount < order.total)
        throw new DomainError(
          'ORDER_PAYMENT_AMOUNT_INSUFFICIENT',
          `order ${orderId} costs ${order.total} ${currency}; ${amount} was authorised`,
        );
      return [{ type: 'OrderPaymentAuthorised', data: { orderId, paymentId, amount, currency, at: now } }];
    }
    case 'RecordPaymentCaptured': {
      const { paymentId, amount } = command.data;
      const captureId = command.data.captureId ?? paymentId;
      const payment = authorisedPayment(order, paymentId);
      if (payment.captureIds.includes(captureId)) return [];
      positive(amount);
      if (payment.captured + amount > payment.authorised)
        throw new DomainError(
          'ORDER_CAPTURE_EXCEEDS_AUTHORISATION',
          `capturing ${amount} would take ${payment.captured + amount} of ${payment.authorised} authorised`,
        );
      return [
        {
          type: 'OrderPaymentCaptured',
          data: {
            orderId,
            paymentId,
            captureId,
            amount,
            capturedTotal: payment.captured + amount,
            currency,
            at: now,
          },
        },
      ];
    }
    case 'RecordRefund': {
      const { paymentId, amount, returnId } = command.data;
      const refundId = command.data.refundId ?? returnId ?? paymentId;
      const payment = authorisedPayment(order, paymentId);
      if (payment.refundIds.includes(refundId)) return [];
      positive(amount);
      if (returnId !== undefined) {
        const ret = order.returns.find((r) => r.returnId === returnId);
        if (ret === undefined)
          throw new DomainError('ORDER_RETURN_NOT_FOUND', `order ${orderId} has no return ${returnId}`);
        if (ret.status !== 'received')
          throw new DomainError('ORDER_RETURN_NOT_RECEIVED', `return ${returnId} is ${ret.status}`);
      }
      if (payment.refunded + amount > payment.captured)
        throw new DomainError(
          'ORDER_REFUND_EXCEEDS_CAPTURED',
          `refunding ${amount} would return ${payment.refunded + amount} of ${payment.captured} captured`,
        );
      return [
        {
          type: 'OrderRefunded',
          data: { orderId, refundId, returnId: returnId ?? null, paymentId, amount, currency, at: now },
        },
      ];
    }
  }
};
