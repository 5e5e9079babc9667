import type { OrderEvent } from './order-event.js';
import type { LineState, Order, OrderState, ShipmentState } from './order-state.js';
import { activeShipments } from './order-facts.js';

const setLines = (order: Order, ids: readonly string[], change: (l: LineState) => LineState): Order => {
  const lines = order.lines.map((l) => (ids.includes(l.line.lineId) ? change(l) : l));
  return {
    ...order,
    lines,
    total: lines.filter((l) => l.status === 'open').reduce((sum, l) => sum + l.line.lineTotal, 0),
  };
};

const setShipment = (order: Order, shipmentId: string, change: Partial<ShipmentState>): Order => ({
  ...order,
  shipments: order.shipments.map((s) => (s.shipment.shipmentId === shipmentId ? { ...s, ...change } : s)),
});

/** An order whose every active shipment is on its way counts as dispatched (home delivery only). */
const afterDispatch = (order: Order): Order =>
  order.fulfilment.type !== 'collect_in_store' &&
  activeShipments(order).every((s) => s.status === 'dispatched' || s.status === 'delivered')
    ? { ...order, status: 'dispatched' }
    : order;

export const evolveOrder = (state: OrderState, event: OrderEvent): OrderState => {
  if (event.type === 'OrderPlaced')
    return {
      status: 'placed',
      placed: event.data,
      fulfilment: event.data.fulfilment,
      lines: event.data.lines.map((line) => ({ line, status: 'open', reservationId: null, returned: 0 })),
      total: event.data.total,
      stockReserved: false,
      payment: null,
      shipments: [],
      returns: [],
    };
  if (state.status === 'none') return state;
  const order = state;
  switch (event.type) {
    case 'OrderStockReserved': {
      const byLine = new Map(event.data.reservations.map((r) => [r.lineId, r.reservationId]));
      return {
        ...order,
        status: order.status === 'placed' ? 'stock_reserved' : order.status,
        stockReserved: true,
        lines: order.lines.map((l) => ({
          ...l,
          reservationId: byLine.get(l.line.lineId) ?? l.reservationId,
        })),
      };
    }
    case 'OrderPaymentAuthorised':
      return {
        ...order,
        status: 'payment_authorised',
        payment: {
          paymentId: event.data.paymentId,
          authorised: event.data.amount,
          captured: 0,
          refunded: 0,
          captureIds: [],
          refundIds: [],
        },
      };
    case 'OrderReleased': {
      const released = setLines(
        order,
        event.data.unfulfillableLines.map((l) => l.lineId),
        (l) => ({ ...l, status: 'unfulfillable' }),
      );
      const added = event.data.shipments.map((shipment): ShipmentState => ({
        shipment,
        status: 'released',
        carrier: null,
        trackingNumber: null,
      }));
      const next = { ...released, shipments: [...order.shipments, ...added] };
      return added.length > 0 ? { ...next, status: 'released' } : afterDispatch(next);
    }
    case 'OrderShipmentPicked':
      return setShipment(order, event.data.shipmentId, { status: 'picked' });
    case 'OrderShipmentRejected':
      return { ...setShipment(order, event.data.shipmentId, { status: 'rejected' }), status: 'released' };
    case 'OrderShipmentDispatched':
      return afterDispatch(
        setShipment(order, event.data.shipmentId, {
          status: 'dispatched',
          carrier: event.data.carrier,
          trackingNumber: event.data.trackingNumber,
        }),
      );
    case 'OrderShipmentDelivered':
      return setShipment(order, event.data.shipmentId, { status: 'delivered' });
    case 'OrderDelivered':
      return { ...order, status: 'delivered' };
    case 'OrderReadyForCollection':
      return { ...order, status: 'ready_for_collection' };
    case 'OrderCollected':
      return { ...order, status: 'collected' };
    case 'OrderPaymentCaptured':
      return order.payment === null
        ? order
        : {
            ...order,
            payment: {
              ...order.payment,
              captured: order.payment.captured + event.data.amount,
              captureIds: [...order.payment.captureIds, event.data.captureId],
            },
          };
    case 'OrderRefunded': {
      const withRefund =
        order.payment === null
          ? order
          : {
              ...order,
              payment: {
                ...order.payment,
                refunded: order.payment.refunded + event.data.amount,
                refundIds: [...order.payment.refundIds, event.data.refundId],
              },
            };
      const { returnId } = event.data;
      return {
        ...withRefund,
        returns: order.returns.map((r) => (r.returnId === returnId ? { ...r, status: 'refunded' } : r)),
      };
    }
    case 'OrderCancelled':
      return {
        ...setLines(
          order,
          event.data.lines.map((l) => l.lineId),
          (l) => ({ ...l, status: 'cancelled' }),
        ),
        status: 'cancelled',
      };
    case 'OrderLinesCancelled':
      return setLines(
        order,
        event.data.lines.map((l) => l.lineId),
        (l) => ({ ...l, status: 'cancelled' }),
      );
    case 'OrderDeliveryAddressChanged':
      return order.fulfilment.type === 'collect_in_store'
        ? order
        : { ...order, fulfilment: { type: order.fulfilment.type, address: event.data.address } };
    case 'OrderFailed':
      return { ...order, status: 'failed' };
    case 'OrderReturnAuthorised': {
      const units = new Map(event.data.lines.map((l) => [l.lineId, l.quantity]));
      return {
        ...order,
        lines: order.lines.map((l) => ({ ...l, returned: l.returned + (units.get(l.line.lineId) ?? 0) })),
        returns: [
          ...order.returns,
          {
            returnId: event.data.returnId,
            lines: event.data.lines,
            amount: event.data.amount,
            status: 'authorised',
          },
        ],
      };
    }
    case 'OrderReturnReceived':
      return {
        ...order,
        returns: order.returns.map((r) =>
          r.returnId === event.data.returnId ? { ...r, status: 'received' } : r,
        ),
      };
  }
};
