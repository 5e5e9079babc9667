import type { SagaStep } from '@omnistream/sagas';
import type { LineReservationRef, SourcingFulfilment } from '@omnistream/contracts/inventory';
import type { DeliveryAddress, OrderPlaced } from '@omnistream/contracts/orders';
import type { FlowShipment } from './order-flow-state.js';

/** Units are held this long without a commit; the flow releases them sooner when the order fails. */
const RESERVATION_TTL_SECONDS = 24 * 3600;
/** What a parcel weighs per unit when the catalog gives no weight (carriers need one to rate and label). */
const GRAMS_PER_UNIT = 500;

export const paymentIdOf = (orderId: string): string => `${orderId}-payment`;

const toOrders = (step: string, type: string, data: object): SagaStep => ({
  step,
  command: { target: 'orders', type, data },
});

export const reserveStock = (order: OrderPlaced): SagaStep => {
  const reservations = order.lines.map((l) => ({
    sku: l.sku,
    reservationId: `${order.orderId}:${l.lineId}`,
  }));
  return {
    step: 'reserve',
    command: {
      target: 'inventory',
      type: 'ReserveOrderStock',
      data: {
        orderId: order.orderId,
        salesChannel: order.salesChannel,
        lines: order.lines.map(({ lineId, sku, quantity }) => ({ lineId, sku, quantity })),
        ttlSeconds: RESERVATION_TTL_SECONDS,
      },
    },
    // Names every reservation the command may have made, so the release needs no reply to know them.
    compensation: {
      target: 'inventory',
      type: 'ReleaseOrderStock',
      data: { orderId: order.orderId, reservations, reason: 'order did not go ahead' },
    },
  };
};

export const recordStockReserved = (orderId: string, reservations: readonly LineReservationRef[]): SagaStep =>
  toOrders('recordReserved', 'RecordStockReserved', {
    orderId,
    reservations: reservations.map(({ lineId, reservationId }) => ({ lineId, reservationId })),
  });

export const authorisePayment = (order: OrderPlaced): SagaStep => ({
  step: 'authorise',
  command: {
    target: 'payments',
    type: 'AuthorisePayment',
    data: {
      paymentId: paymentIdOf(order.orderId),
      orderId: order.orderId,
      amount: order.total,
      currency: order.currency,
      market: order.market,
      paymentMethod: { type: order.payment.method, token: order.payment.token },
    },
  },
  compensation: {
    target: 'payments',
    type: 'CancelPayment',
    data: { paymentId: paymentIdOf(order.orderId) },
  },
});

export const recordPaymentAuthorised = (order: OrderPlaced): SagaStep =>
  toOrders('recordAuthorised', 'RecordPaymentAuthorised', {
    orderId: order.orderId,
    paymentId: paymentIdOf(order.orderId),
    amount: order.total,
  });

const sourcingFulfilment = (order: OrderPlaced): SourcingFulfilment =>
  order.fulfilment.type === 'collect_in_store'
    ? { type: 'collect_in_store', storeId: order.fulfilment.storeId }
    : {
        type:
          order.fulfilment.type === 'ship_from_store' && order.shipFromStoreAllowed
            ? 'ship_from_store'
            : 'ship_to_home',
        deliveryPoint: order.fulfilment.address.location,
      };

export const sourceOrder = (
  order: OrderPlaced,
  attempt: number,
  lines: readonly LineReservationRef[],
  excludeLocations: readonly string[],
): SagaStep => ({
  step: `source#${attempt}`,
  command: {
    target: 'inventory',
    type: 'SourceOrder',
    data: {
      orderId: order.orderId,
      salesChannel: order.salesChannel,
      lines,
      fulfilment: sourcingFulfilment(order),
      excludeLocations,
    },
  },
});

export const releaseOrder = (
  orderId: string,
  attempt: number,
  shipments: readonly FlowShipment[],
  unfulfillableLineIds: readonly string[] = [],
): SagaStep =>
  toOrders(`release#${attempt}`, 'ReleaseOrder', {
    orderId,
    shipments: shipments.map(({ shipmentId, locationId, mode, lines }) => ({
      shipmentId,
      locationId,
      mode,
      lines,
    })),
    unfulfillableLineIds,
  });

/** Gives back the units held for lines no location can fulfil any more (partial fulfilment). */
export const releaseLineStock = (
  orderId: string,
  attempt: number,
  lines: readonly LineReservationRef[],
): SagaStep => ({
  step: `unreserve#${attempt}`,
  command: {
    target: 'inventory',
    type: 'ReleaseOrderStock',
    data: {
      orderId,
      reservations: lines.map(({ sku, reservationId }) => ({ sku, reservationId })),
      reason: 'no location can fulfil these lines',
    },
  },
});

/**
 * The pick takes the reserved units off stock. For a collection its compensation puts them back on hand at the
 * store, where they wait for the customer: an order not collected in time, or ended otherwise after the pick,
 * holds no stock. A delivery's pick has none: the parcel has left.
 */
export const commitShipmentStock = (
  order: OrderPlaced,
  shipment: FlowShipment,
  reservations: readonly LineReservationRef[],
): SagaStep => {
  const lineIds = new Set(shipment.lines.map((l) => l.lineId));
  const collection = order.fulfilment.type === 'collect_in_store' ? order.fulfilment : undefined;
  return {
    step: `commit:${shipment.shipmentId}`,
    command: {
      target: 'inventory',
      type: 'CommitShipmentStock',
      data: {
        orderId: order.orderId,
        locationId: shipment.locationId,
        reservations: reservations
          .filter((r) => lineIds.has(r.lineId))
          .map(({ sku, reservationId }) => ({ sku, reservationId })),
      },
    },
    ...(collection === undefined
      ? {}
      : {
          compensation: {
            target: 'inventory',
            type: 'RestockUncollected',
            data: {
              orderId: order.orderId,
              shipmentId: shipment.shipmentId,
              locationId: collection.storeId,
              lines: shipment.lines.map(({ sku, quantity }) => ({ sku, quantity })),
            },
          },
        }),
  };
};

const postal = (address: DeliveryAddress) => ({
  name: address.name,
  lines: address.line2 === undefined ? [address.line1] : [address.line1, address.line2],
  city: address.city,
  postalCode: address.postcode,
  countryCode: address.country,
});

export const createShipment = (order: OrderPlaced, shipment: FlowShipment): SagaStep | undefined => {
  if (order.fulfilment.type === 'collect_in_store' || shipment.address === null) return undefined;
  const units = shipment.lines.reduce((sum, l) => sum + l.quantity, 0);
  return {
    step: `ship:${shipment.shipmentId}`,
    command: {
      target: 'shipments',
      type: 'CreateShipment',
      data: {
        shipmentId: shipment.shipmentId,
        orderId: order.orderId,
        market: order.market,
        shipFrom: { locationId: shipment.locationId, address: shipment.address },
        shipTo: postal(order.fulfilment.address),
        lines: shipment.lines,
        parcel: { weightGrams: units * GRAMS_PER_UNIT, lengthMm: 400, widthMm: 300, heightMm: 200 },
        serviceLevel: 'standard',
      },
    },
    compensation: {
      target: 'shipments',
      type: 'CancelShipment',
      data: { shipmentId: shipment.shipmentId, reason: 'order did not go ahead' },
    },
  };
};

export const orderCommand = toOrders;

export const capturePayment = (paymentId: string, captureId: string, amount: number): SagaStep => ({
  step: `capture:${captureId}`,
  command: { target: 'payments', type: 'CapturePayment', data: { paymentId, captureId, amount } },
});

export const refundPayment = (paymentId: string, refundId: string, amount: number): SagaStep => ({
  step: `refund:${refundId}`,
  command: { target: 'payments', type: 'RefundPayment', data: { paymentId, refundId, amount } },
});

export const failOrder = (orderId: string, code: string, reason: string): SagaStep =>
  toOrders('fail', 'FailOrder', { orderId, code, reason });
