import { DomainError } from '@omnistream/kernel';
import type {
  ConfirmShipmentPicked,
  RecordShipmentDelivered,
  RecordShipmentDispatched,
  RejectShipment,
} from './order-commands.js';
import type { OrderEvent } from './order-event.js';
import type { Order, ShipmentState, ShipmentStatus } from './order-state.js';
import { assertOpen, findShipment, shipmentAmount } from './order-facts.js';

/** How far a shipment has come; a report of an earlier step after a later one is a late repeat. */
const STEP: Readonly<Record<ShipmentStatus, number>> = {
  released: 0,
  picked: 1,
  dispatched: 2,
  delivered: 3,
  rejected: -1,
};

const fact = (order: Order, s: ShipmentState, at: string) => ({
  orderId: order.placed.orderId,
  shipmentId: s.shipment.shipmentId,
  locationId: s.shipment.locationId,
  mode: s.shipment.mode,
  lines: s.shipment.lines,
  at,
});

const rejected = (s: ShipmentState) =>
  new DomainError(
    'ORDER_SHIPMENT_REJECTED',
    `shipment ${s.shipment.shipmentId} was rejected by ${s.shipment.locationId}; its lines are sourced again`,
  );

/** What happens to one shipment at its location and on its way. */
export const decideShipment = (
  command: ConfirmShipmentPicked | RejectShipment | RecordShipmentDispatched | RecordShipmentDelivered,
  order: Order,
): OrderEvent[] => {
  const now = command.metadata.now;
  const shipment = findShipment(order, command.data.shipmentId);
  const step = STEP[shipment.status];
  switch (command.type) {
    case 'ConfirmShipmentPicked':
      if (step >= STEP.picked) return [];
      if (shipment.status === 'rejected') throw rejected(shipment);
      assertOpen(order, 'pick a shipment');
      return [{ type: 'OrderShipmentPicked', data: fact(order, shipment, now) }];
    case 'RejectShipment':
      if (shipment.status === 'rejected') return [];
      if (step >= STEP.dispatched)
        throw new DomainError(
          'ORDER_SHIPMENT_ALREADY_DISPATCHED',
          `shipment ${shipment.shipment.shipmentId} is ${shipment.status}: it can no longer be rejected`,
        );
      if (order.status === 'ready_for_collection' || order.status === 'collected')
        throw new DomainError('ORDER_ALREADY_COMPLETED', `order ${order.placed.orderId} is ${order.status}`);
      assertOpen(order, 'reject a shipment');
      return [
        {
          type: 'OrderShipmentRejected',
          data: { ...fact(order, shipment, now), reason: command.data.reason },
        },
      ];
    case 'RecordShipmentDispatched': {
      if (step >= STEP.dispatched) return [];
      if (shipment.status === 'rejected') throw rejected(shipment);
      if (shipment.shipment.mode === 'pick_up')
        throw new DomainError(
          'ORDER_SHIPMENT_NOT_SHIPPABLE',
          `shipment ${shipment.shipment.shipmentId} is collected where it is picked; it is not dispatched`,
        );
      assertOpen(order, 'dispatch a shipment');
      const { carrier, trackingNumber } = command.data;
      return [
        {
          type: 'OrderShipmentDispatched',
          data: {
            ...fact(order, shipment, now),
            carrier,
            trackingNumber,
            paymentId: order.payment?.paymentId ?? null,
            amount: shipmentAmount(order, shipment),
            currency: order.placed.currency,
          },
        },
      ];
    }
    case 'RecordShipmentDelivered':
      if (step >= STEP.delivered) return [];
      if (step < STEP.dispatched)
        throw new DomainError(
          'ORDER_SHIPMENT_NOT_DISPATCHED',
          `shipment ${shipment.shipment.shipmentId} is ${shipment.status}: it was never dispatched`,
        );
      return [{ type: 'OrderShipmentDelivered', data: fact(order, shipment, now) }];
  }
};
