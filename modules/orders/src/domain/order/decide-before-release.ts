import { DomainError, sameJson } from '@omnistream/kernel';
import type { CancelOrder, CancelOrderLines, ChangeDeliveryAddress } from './order-commands.js';
import type { OrderEvent } from './order-event.js';
import type { Order } from './order-state.js';
import { assertOpen, isReleased, openLines, withdrawn } from './order-facts.js';

const assertNotReleased = (order: Order, what: string) => {
  if (isReleased(order))
    throw new DomainError(
      'ORDER_ALREADY_RELEASED',
      `order ${order.placed.orderId} is ${order.status}: it can no longer ${what}`,
    );
};

const cancelWhole = (order: Order, reason: string, now: string): OrderEvent => ({
  type: 'OrderCancelled',
  data: {
    orderId: order.placed.orderId,
    reason,
    previousStatus: order.status,
    lines: openLines(order).map(withdrawn),
    paymentId: order.payment?.paymentId ?? null,
    authorisedAmount: order.payment?.authorised ?? 0,
    currency: order.placed.currency,
    at: now,
  },
});

/** The changes a customer may make until the order is released to locations. */
export const decideBeforeRelease = (
  command: CancelOrder | CancelOrderLines | ChangeDeliveryAddress,
  order: Order,
): OrderEvent[] => {
  const now = command.metadata.now;
  const { orderId } = order.placed;
  switch (command.type) {
    case 'CancelOrder':
      if (order.status === 'cancelled') return []; // cancelled already
      if (order.status === 'failed')
        throw new DomainError('ORDER_NOT_CANCELLABLE', `order ${orderId} has failed already`);
      assertNotReleased(order, 'be cancelled');
      return [cancelWhole(order, command.data.reason, now)];
    case 'CancelOrderLines': {
      const { lineIds, reason } = command.data;
      if (lineIds.length === 0) throw new DomainError('INVALID_LINES', 'name at least one line to cancel');
      const lines = lineIds.map((lineId) => {
        const line = order.lines.find((l) => l.line.lineId === lineId);
        if (line === undefined)
          throw new DomainError('ORDER_LINE_NOT_FOUND', `order ${orderId} has no line ${lineId}`);
        return line;
      });
      const toCancel = lines.filter((l) => l.status === 'open');
      if (toCancel.length === 0) return []; // every named line is cancelled already
      if (order.status === 'cancelled' || order.status === 'failed')
        throw new DomainError('ORDER_NOT_CANCELLABLE', `order ${orderId} is ${order.status}`);
      assertNotReleased(order, 'have lines cancelled');
      // Cancelling every open line is cancelling the order: one fact for reactors, not two.
      if (toCancel.length === openLines(order).length) return [cancelWhole(order, reason, now)];
      const amountReleased = toCancel.reduce((sum, l) => sum + l.line.lineTotal, 0);
      return [
        {
          type: 'OrderLinesCancelled',
          data: {
            orderId,
            reason,
            lines: toCancel.map(withdrawn),
            amountReleased,
            total: order.total - amountReleased,
            paymentId: order.payment?.paymentId ?? null,
            currency: order.placed.currency,
            at: now,
          },
        },
      ];
    }
    case 'ChangeDeliveryAddress': {
      const { fulfilment } = order;
      if (fulfilment.type === 'collect_in_store')
        throw new DomainError(
          'ORDER_NOT_DELIVERED_TO_ADDRESS',
          `order ${orderId} is collected in store ${fulfilment.storeId}: it has no delivery address`,
        );
      if (sameJson(fulfilment.address, command.data.address)) return [];
      if (command.data.address.location === undefined)
        throw new DomainError('INVALID_ADDRESS', 'a delivery address needs a location');
      assertOpen(order, 'change its address');
      assertNotReleased(order, 'change its delivery address');
      return [
        { type: 'OrderDeliveryAddressChanged', data: { orderId, address: command.data.address, at: now } },
      ];
    }
  }
};
