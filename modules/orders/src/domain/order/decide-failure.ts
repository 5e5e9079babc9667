import { DomainError } from '@omnistream/kernel';
import type { FailOrder } from './order-commands.js';
import type { OrderEvent } from './order-event.js';
import type { Order } from './order-state.js';
import { openLines, withdrawn } from './order-facts.js';

/**
 * The saga gives up on an order: out of stock, payment declined or timed out, or never collected. Once goods are
 * on their way or handed over the order can no longer fail.
 */
export const decideFailure = (command: FailOrder, order: Order): OrderEvent[] => {
  const { orderId } = order.placed;
  // Failed already, or cancelled by the customer meanwhile: the order is closed either way.
  if (order.status === 'failed' || order.status === 'cancelled') return [];
  const { code, reason } = command.data;
  if (!/^[A-Z][A-Z0-9_]*$/.test(code))
    throw new DomainError('INVALID_FAILURE_CODE', `a failure code is UPPER_SNAKE, got ${code}`);
  if (order.shipments.some((s) => s.status === 'dispatched' || s.status === 'delivered'))
    throw new DomainError('ORDER_ALREADY_DISPATCHED', `order ${orderId} has shipments on their way`);
  if (order.status === 'collected' || order.status === 'delivered')
    throw new DomainError('ORDER_ALREADY_COMPLETED', `order ${orderId} is ${order.status}`);
  return [
    {
      type: 'OrderFailed',
      data: {
        orderId,
        code,
        reason,
        previousStatus: order.status,
        lines: openLines(order).map(withdrawn),
        paymentId: order.payment?.paymentId ?? null,
        authorisedAmount: order.payment?.authorised ?? 0,
        capturedAmount: order.payment?.captured ?? 0,
        currency: order.placed.currency,
        at: command.metadata.now,
      },
    },
  ];
};
