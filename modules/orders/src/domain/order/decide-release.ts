import { DomainError } from '@omnistream/kernel';
import type { OrderShipment } from '@omnistream/contracts/orders';
import type { ReleaseOrder } from './order-commands.js';
import type { OrderEvent } from './order-event.js';
import type { Order } from './order-state.js';
import { activeShipments, coveredUnits, openLines, withdrawn } from './order-facts.js';

const invalid = (message: string) => new DomainError('INVALID_RELEASE', message);

const modesFor = (order: Order): readonly OrderShipment['mode'][] =>
  order.fulfilment.type === 'collect_in_store' ? ['pick_up', 'transfer'] : ['ship'];

/**
 * Assigns the open lines to locations: the first release after payment, or re-sourcing the lines of a rejected
 * shipment. Every open line ends up exactly covered by active shipments or unfulfillable.
 */
export const decideRelease = (command: ReleaseOrder, order: Order): OrderEvent[] => {
  const { shipments, unfulfillableLineIds } = command.data;
  const { orderId, currency } = order.placed;
  const known = new Set(order.shipments.map((s) => s.shipment.shipmentId));
  const lineOf = new Map(order.lines.map((l) => [l.line.lineId, l]));
  const newShipments = shipments.filter((s) => !known.has(s.shipmentId));
  const newUnfulfillable = unfulfillableLineIds.filter((id) => lineOf.get(id)?.status !== 'unfulfillable');
  if (shipments.length + unfulfillableLineIds.length === 0)
    throw invalid('a release needs shipments or unfulfillable lines');
  if (newShipments.length === 0 && newUnfulfillable.length === 0) return []; // this release is recorded
  if (newShipments.length < shipments.length)
    throw new DomainError(
      'ORDER_RELEASE_CONFLICT',
      `some shipments of this release are recorded already and some are not: ${[...known].join(', ')}`,
    );

  const resourced = order.shipments.length > 0 || order.lines.some((l) => l.status === 'unfulfillable');
  const allowed = resourced ? ['released', 'dispatched'] : ['payment_authorised'];
  if (!allowed.includes(order.status))
    throw new DomainError(
      order.status === 'cancelled' || order.status === 'failed'
        ? 'ORDER_CLOSED'
        : resourced
          ? 'ORDER_ALREADY_COMPLETED'
          : 'ORDER_PAYMENT_NOT_AUTHORISED',
      `order ${orderId} is ${order.status}: it cannot be released`,
    );

  if (new Set(newShipments.map((s) => s.shipmentId)).size !== newShipments.length)
    throw invalid('shipment ids must be unique');
  const unfulfillable = newUnfulfillable.map((lineId) => {
    const line = lineOf.get(lineId);
    if (line?.status !== 'open') throw invalid(`line ${lineId} is not an open line of order ${orderId}`);
    return line;
  });
  for (const shipment of newShipments) {
    if (!modesFor(order).includes(shipment.mode))
      throw invalid(`a ${order.fulfilment.type} order cannot have a ${shipment.mode} shipment`);
    if (shipment.lines.length === 0) throw invalid(`shipment ${shipment.shipmentId} has no lines`);
    for (const l of shipment.lines) {
      const line = lineOf.get(l.lineId);
      if (line?.status !== 'open' || newUnfulfillable.includes(l.lineId))
        throw invalid(`shipment ${shipment.shipmentId}: ${l.lineId} is not an open line to fulfil`);
      if (line.line.sku !== l.sku) throw invalid(`line ${l.lineId} is ${line.line.sku}, not ${l.sku}`);
      if (!Number.isSafeInteger(l.quantity) || l.quantity < 1)
        throw invalid(`shipment ${shipment.shipmentId}: quantity of ${l.lineId} must be at least 1`);
    }
  }
  const covered = coveredUnits([
    ...activeShipments(order),
    ...newShipments.map((shipment) => ({
      shipment,
      status: 'released' as const,
      carrier: null,
      trackingNumber: null,
    })),
  ]);
  const remaining = openLines(order).filter((l) => !newUnfulfillable.includes(l.line.lineId));
  for (const line of remaining) {
    const units = covered.get(line.line.lineId) ?? 0;
    if (units !== line.line.quantity)
      throw invalid(
        `line ${line.line.lineId} needs ${line.line.quantity} units on shipments, ${units} given`,
      );
  }
  if (remaining.length === 0)
    throw new DomainError(
      'ORDER_NOTHING_FULFILLABLE',
      `no line of order ${orderId} can be fulfilled: fail the order instead`,
    );
  const amountReleased = unfulfillable.reduce((sum, l) => sum + l.line.lineTotal, 0);
  return [
    {
      type: 'OrderReleased',
      data: {
        orderId,
        shipments: newShipments,
        unfulfillableLines: unfulfillable.map(withdrawn),
        amountReleased,
        total: order.total - amountReleased,
        currency,
        resourced,
        at: command.metadata.now,
      },
    },
  ];
};
