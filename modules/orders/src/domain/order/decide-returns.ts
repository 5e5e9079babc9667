import { DomainError, sameJson } from '@omnistream/kernel';
import type { ReceiveReturn, RequestReturn } from './order-commands.js';
import type { OrderEvent } from './order-event.js';
import type { Order } from './order-state.js';

/** Returns after delivery or collection: authorised for some units, received, then refunded (decidePayment). */
export const decideReturns = (command: RequestReturn | ReceiveReturn, order: Order): OrderEvent[] => {
  const { orderId, currency } = order.placed;
  const now = command.metadata.now;
  const existing = order.returns.find((r) => r.returnId === command.data.returnId);
  switch (command.type) {
    case 'RequestReturn': {
      const { returnId, reason } = command.data;
      const asked = command.data.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity }));
      if (existing !== undefined) {
        const recorded = existing.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity }));
        if (sameJson(recorded, asked)) return [];
        throw new DomainError('ORDER_RETURN_CONFLICT', `return ${returnId} exists with other lines`);
      }
      if (order.status !== 'delivered' && order.status !== 'collected')
        throw new DomainError(
          'ORDER_NOT_RETURNABLE',
          `order ${orderId} is ${order.status}: only delivered or collected orders take returns`,
        );
      if (asked.length === 0) throw new DomainError('INVALID_LINES', 'name at least one line to return');
      if (new Set(asked.map((l) => l.lineId)).size !== asked.length)
        throw new DomainError('INVALID_LINES', 'name each line once');
      const lines = asked.map(({ lineId, quantity }) => {
        const line = order.lines.find((l) => l.line.lineId === lineId);
        if (line === undefined)
          throw new DomainError('ORDER_LINE_NOT_FOUND', `order ${orderId} has no line ${lineId}`);
        if (!Number.isSafeInteger(quantity) || quantity < 1)
          throw new DomainError('INVALID_QUANTITY', `line ${lineId}: quantity must be at least 1`);
        const returnable = line.status === 'open' ? line.line.quantity - line.returned : 0;
        if (quantity > returnable)
          throw new DomainError(
            'ORDER_RETURN_EXCEEDS_QUANTITY',
            `line ${lineId}: ${returnable} units can still be returned, ${quantity} asked`,
          );
        return { lineId, sku: line.line.sku, quantity, amount: line.line.unitPrice * quantity };
      });
      const amount = lines.reduce((sum, l) => sum + l.amount, 0);
      return [
        {
          type: 'OrderReturnAuthorised',
          data: { orderId, returnId, lines, amount, currency, reason, at: now },
        },
      ];
    }
    case 'ReceiveReturn': {
      if (existing === undefined)
        throw new DomainError(
          'ORDER_RETURN_NOT_FOUND',
          `order ${orderId} has no return ${command.data.returnId}`,
        );
      if (existing.status !== 'authorised') return []; // received already
      return [
        {
          type: 'OrderReturnReceived',
          data: {
            orderId,
            returnId: existing.returnId,
            lines: existing.lines,
            refundAmount: existing.amount,
            paymentId: order.payment?.paymentId ?? null,
            currency,
            at: now,
          },
        },
      ];
    }
  }
};
