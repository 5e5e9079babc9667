import type { Order } from '../domain/order/order-state.js';
import type { HistoryEntry } from './order-projection.js';

/**
 * What GET /orders/:orderId answers: the order with its lines, totals, shipments, payment, returns and history.
 * The payment token is left out: it is for the payment provider only (DESIGN.md: never expose tokenized values).
 */
export const orderView = (order: Order, version: number, history: readonly HistoryEntry[]) => {
  const { placed, payment } = order;
  return {
    orderId: placed.orderId,
    customerId: placed.customerId,
    status: order.status,
    channel: placed.channel,
    market: placed.market,
    salesChannel: placed.salesChannel,
    placedAt: placed.placedAt,
    fulfilment: order.fulfilment,
    shipFromStoreAllowed: placed.shipFromStoreAllowed,
    lines: order.lines.map((l) => ({
      ...l.line,
      status: l.status,
      reservationId: l.reservationId,
      returned: l.returned,
    })),
    totals: {
      currency: placed.currency,
      placed: placed.total,
      current: order.total,
      captured: payment?.captured ?? 0,
      refunded: payment?.refunded ?? 0,
    },
    shipments: order.shipments.map((s) => ({
      ...s.shipment,
      status: s.status,
      carrier: s.carrier,
      trackingNumber: s.trackingNumber,
    })),
    payment: {
      method: placed.payment.method,
      paymentId: payment?.paymentId ?? null,
      authorised: payment?.authorised ?? 0,
      captured: payment?.captured ?? 0,
      refunded: payment?.refunded ?? 0,
    },
    returns: order.returns,
    history,
    version,
  };
};

export type OrderView = ReturnType<typeof orderView>;
