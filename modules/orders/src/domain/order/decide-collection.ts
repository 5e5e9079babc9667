import { DomainError } from '@omnistream/kernel';
import type { ConfirmCollected, MarkReadyForCollection } from './order-commands.js';
import type { OrderEvent } from './order-event.js';
import type { Order } from './order-state.js';
import { activeShipments, assertOpen, uncoveredLines } from './order-facts.js';

/** Pay and collect: the order waits at its store until the customer takes it. */
export const decideCollection = (
  command: MarkReadyForCollection | ConfirmCollected,
  order: Order,
): OrderEvent[] => {
  const { orderId } = order.placed;
  const { fulfilment } = order;
  if (fulfilment.type !== 'collect_in_store')
    throw new DomainError('ORDER_NOT_COLLECT_IN_STORE', `order ${orderId} is ${fulfilment.type}`);
  const storeId = command.data.storeId;
  if (storeId !== undefined && storeId !== fulfilment.storeId)
    throw new DomainError(
      'ORDER_STORE_MISMATCH',
      `order ${orderId} is collected at ${fulfilment.storeId}, not ${storeId}`,
    );
  const now = command.metadata.now;
  switch (command.type) {
    case 'MarkReadyForCollection': {
      if (order.status === 'ready_for_collection' || order.status === 'collected') return [];
      assertOpen(order, 'be made ready for collection');
      // Picked at the store itself, or transferred there and arrived.
      const waiting = activeShipments(order).filter((s) =>
        s.shipment.mode === 'pick_up' ? s.status === 'released' : s.status !== 'delivered',
      );
      if (order.status !== 'released' || waiting.length > 0 || uncoveredLines(order).length > 0)
        throw new DomainError(
          'ORDER_NOT_AT_STORE',
          `order ${orderId} is not all at ${fulfilment.storeId} yet` +
            (waiting.length > 0
              ? `: waiting for ${waiting.map((s) => s.shipment.shipmentId).join(', ')}`
              : ''),
        );
      return [{ type: 'OrderReadyForCollection', data: { orderId, storeId: fulfilment.storeId, at: now } }];
    }
    case 'ConfirmCollected': {
      if (order.status === 'collected') return [];
      if (order.status !== 'ready_for_collection')
        throw new DomainError(
          'ORDER_NOT_READY_FOR_COLLECTION',
          `order ${orderId} is ${order.status}, not ready for collection`,
        );
      const { payment } = order;
      return [
        {
          type: 'OrderCollected',
          data: {
            orderId,
            storeId: fulfilment.storeId,
            paymentId: payment?.paymentId ?? null,
            amount: Math.max(0, order.total - (payment?.captured ?? 0)),
            currency: order.placed.currency,
            at: now,
          },
        },
      ];
    }
  }
};
