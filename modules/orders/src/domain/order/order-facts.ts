import { DomainError } from '@omnistream/kernel';
import type { WithdrawnLine } from '@omnistream/contracts/orders';
import type { LineState, Order, OrderState, ShipmentState } from './order-state.js';

/** The order a command is about; every command but PlaceOrder needs one. */
export const existingOrder = (state: OrderState, orderId: string): Order => {
  if (state.status === 'none') throw new DomainError('ORDER_NOT_FOUND', `no order ${orderId}`);
  return state;
};

export const isClosed = (order: Order): boolean => order.status === 'cancelled' || order.status === 'failed';

export const isReleased = (order: Order): boolean =>
  !['placed', 'stock_reserved', 'payment_authorised', 'cancelled', 'failed'].includes(order.status);

export const openLines = (order: Order): readonly LineState[] =>
  order.lines.filter((l) => l.status === 'open');

export const withdrawn = (line: LineState): WithdrawnLine => ({
  lineId: line.line.lineId,
  sku: line.line.sku,
  quantity: line.line.quantity,
  reservationId: line.reservationId,
  amount: line.line.lineTotal,
});

/** Shipments still meant to be fulfilled (a rejected one is replaced by re-sourcing). */
export const activeShipments = (order: Order): readonly ShipmentState[] =>
  order.shipments.filter((s) => s.status !== 'rejected');

/** Units of each line on active shipments. */
export const coveredUnits = (shipments: readonly ShipmentState[]): Map<string, number> => {
  const covered = new Map<string, number>();
  for (const s of shipments)
    for (const l of s.shipment.lines) covered.set(l.lineId, (covered.get(l.lineId) ?? 0) + l.quantity);
  return covered;
};

/** Open lines not (fully) on an active shipment: waiting to be sourced again after a rejection. */
export const uncoveredLines = (order: Order): readonly LineState[] => {
  const covered = coveredUnits(activeShipments(order));
  return openLines(order).filter((l) => (covered.get(l.line.lineId) ?? 0) < l.line.quantity);
};

/** What the units of a shipment cost, at the prices of the order. */
export const shipmentAmount = (order: Order, shipment: ShipmentState): number =>
  shipment.shipment.lines.reduce((sum, l) => {
    const line = order.lines.find((candidate) => candidate.line.lineId === l.lineId);
    return sum + (line === undefined ? 0 : line.line.unitPrice * l.quantity);
  }, 0);

export const findShipment = (order: Order, shipmentId: string): ShipmentState => {
  const shipment = order.shipments.find((s) => s.shipment.shipmentId === shipmentId);
  if (shipment === undefined)
    throw new DomainError(
      'ORDER_SHIPMENT_NOT_FOUND',
      `order ${order.placed.orderId} has no shipment ${shipmentId}`,
    );
  return shipment;
};

/** Refuses a change to an order that is cancelled or failed. */
export const assertOpen = (order: Order, what: string): void => {
  if (isClosed(order))
    throw new DomainError('ORDER_CLOSED', `order ${order.placed.orderId} is ${order.status}: cannot ${what}`);
};
