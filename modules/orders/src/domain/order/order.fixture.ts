import type { OrderPlaced, OrderShipment } from '@omnistream/contracts/orders';
import type { OrderCommand } from './order-commands.js';
import type { OrderEvent } from './order-event.js';

/** Builders for order specs: a two-line home delivery order and the facts the saga records about it. */
export const now = '2026-11-27T09:00:00.000Z';
export const orderId = 'order-1';

export const address = {
  name: 'Ada Lovelace',
  line1: '12 St James’s Square',
  city: 'London',
  postcode: 'SW1Y 4JH',
  country: 'GB',
  location: { lat: 51.507, lon: -0.134 },
};

export const placeData = (
  overrides: Partial<Omit<OrderPlaced, 'placedAt'>> = {},
): Omit<OrderPlaced, 'placedAt'> => ({
  orderId,
  customerId: 'customer-1',
  channel: 'web',
  market: 'GB',
  currency: 'GBP',
  salesChannel: 'web-gb',
  lines: [
    {
      lineId: 'l1',
      sku: 'TEE-1',
      quantity: 2,
      unitPrice: 1500,
      regularUnitPrice: 2000,
      promotionId: 'bf',
      lineTotal: 3000,
    },
    { lineId: 'l2', sku: 'MUG-1', quantity: 1, unitPrice: 800, regularUnitPrice: 800, lineTotal: 800 },
  ],
  total: 3800,
  fulfilment: { type: 'ship_to_home', address },
  shipFromStoreAllowed: true,
  payment: { method: 'card', token: 'tok_sandbox_4111' },
  ...overrides,
});

/** Any order command, stamped with `now`. */
export const cmd = <C extends OrderCommand>(
  type: C['type'],
  data: Omit<C['data'], 'orderId'>,
): OrderCommand => ({ type, data: { orderId, ...data }, metadata: { now } }) as OrderCommand;

export const placed = (overrides: Partial<Omit<OrderPlaced, 'placedAt'>> = {}): OrderEvent => ({
  type: 'OrderPlaced',
  data: { ...placeData(overrides), placedAt: now },
});

export const collectInStore = { fulfilment: { type: 'collect_in_store' as const, storeId: 'store-a' } };

export const stockReserved: OrderEvent = {
  type: 'OrderStockReserved',
  data: {
    orderId,
    reservations: [
      { lineId: 'l1', sku: 'TEE-1', quantity: 2, reservationId: 'r1' },
      { lineId: 'l2', sku: 'MUG-1', quantity: 1, reservationId: 'r2' },
    ],
    at: now,
  },
};

export const authorised: OrderEvent = {
  type: 'OrderPaymentAuthorised',
  data: { orderId, paymentId: 'pay-1', amount: 3800, currency: 'GBP', at: now },
};

export const shipment = (
  shipmentId: string,
  locationId: string,
  lineIds: readonly ('l1' | 'l2')[] = ['l1', 'l2'],
  mode: OrderShipment['mode'] = 'ship',
): OrderShipment => ({
  shipmentId,
  locationId,
  mode,
  lines: lineIds.map((lineId) =>
    lineId === 'l1' ? { lineId, sku: 'TEE-1', quantity: 2 } : { lineId, sku: 'MUG-1', quantity: 1 },
  ),
});

export const released = (shipments: readonly OrderShipment[], resourced = false): OrderEvent => ({
  type: 'OrderReleased',
  data: {
    orderId,
    shipments,
    unfulfillableLines: [],
    amountReleased: 0,
    total: 3800,
    currency: 'GBP',
    resourced,
    at: now,
  },
});

const fact = (s: OrderShipment) => ({
  orderId,
  shipmentId: s.shipmentId,
  locationId: s.locationId,
  mode: s.mode,
  lines: s.lines,
  at: now,
});
export const picked = (s: OrderShipment): OrderEvent => ({ type: 'OrderShipmentPicked', data: fact(s) });
export const dispatched = (s: OrderShipment, amount = 3800): OrderEvent => ({
  type: 'OrderShipmentDispatched',
  data: { ...fact(s), carrier: 'ups', trackingNumber: '1Z999', paymentId: 'pay-1', amount, currency: 'GBP' },
});
export const shipmentDelivered = (s: OrderShipment): OrderEvent => ({
  type: 'OrderShipmentDelivered',
  data: fact(s),
});
export const rejected = (s: OrderShipment, reason = 'damaged stock'): OrderEvent => ({
  type: 'OrderShipmentRejected',
  data: { ...fact(s), reason },
});
export const delivered: OrderEvent = { type: 'OrderDelivered', data: { orderId, at: now } };

/** The order, placed through delivered of one shipment from dc-1. */
export const deliveredOrder = (s = shipment('s1', 'dc-1')): OrderEvent[] => [
  placed(),
  stockReserved,
  authorised,
  released([s]),
  picked(s),
  dispatched(s),
  shipmentDelivered(s),
  delivered,
];
