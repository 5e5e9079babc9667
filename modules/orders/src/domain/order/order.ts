import type { Decider } from '@omnistream/kernel';
import type { OrderCommand, PlaceOrder } from './order-commands.js';
import type { OrderEvent } from './order-event.js';
import type { Order, OrderState } from './order-state.js';
import { activeShipments, existingOrder, uncoveredLines } from './order-facts.js';
import { decidePlacement } from './decide-placement.js';
import { decideBeforeRelease } from './decide-before-release.js';
import { decidePayment } from './decide-payment.js';
import { decideRelease } from './decide-release.js';
import { decideShipment } from './decide-shipment.js';
import { decideCollection } from './decide-collection.js';
import { decideReturns } from './decide-returns.js';
import { decideFailure } from './decide-failure.js';
import { evolveOrder } from './evolve-order.js';

const decideOn = (command: Exclude<OrderCommand, PlaceOrder>, order: Order): OrderEvent[] => {
  switch (command.type) {
    case 'CancelOrder':
    case 'CancelOrderLines':
    case 'ChangeDeliveryAddress':
      return decideBeforeRelease(command, order);
    case 'RecordStockReserved':
    case 'RecordPaymentAuthorised':
    case 'RecordPaymentCaptured':
    case 'RecordRefund':
      return decidePayment(command, order);
    case 'ReleaseOrder':
      return decideRelease(command, order);
    case 'ConfirmShipmentPicked':
    case 'RejectShipment':
    case 'RecordShipmentDispatched':
    case 'RecordShipmentDelivered':
      return decideShipment(command, order);
    case 'MarkReadyForCollection':
    case 'ConfirmCollected':
      return decideCollection(command, order);
    case 'RequestReturn':
    case 'ReceiveReturn':
      return decideReturns(command, order);
    case 'FailOrder':
      return decideFailure(command, order);
  }
};

/**
 * A delivered order is a consequence, not a command: the last shipment arriving, or the last waiting lines found
 * unfulfillable while the others have arrived, also delivers the order.
 */
const withDelivery = (order: Order, events: OrderEvent[], now: string): OrderEvent[] => {
  if (events.length === 0 || order.fulfilment.type === 'collect_in_store') return events;
  const after = events.reduce(evolveOrder, order as OrderState);
  if (after.status === 'none' || after.status === 'delivered' || after.status === 'cancelled') return events;
  const active = activeShipments(after);
  const complete =
    active.length > 0 && active.every((s) => s.status === 'delivered') && uncoveredLines(after).length === 0;
  return complete
    ? [...events, { type: 'OrderDelivered', data: { orderId: order.placed.orderId, at: now } }]
    : events;
};

/**
 * An order (stream `order-<orderId>`): placed by a customer, moved along by the order saga's recorded facts and
 * by its stores. Every command is idempotent under redelivery: a repeat of what is recorded decides nothing.
 */
export const order: Decider<OrderState, OrderCommand, OrderEvent> = {
  initialState: () => ({ status: 'none' }),
  decide: (command, state) => {
    if (command.type === 'PlaceOrder') return decidePlacement(command, state);
    const current = existingOrder(state, command.data.orderId);
    return withDelivery(current, decideOn(command, current), command.metadata.now);
  },
  evolve: evolveOrder,
};
