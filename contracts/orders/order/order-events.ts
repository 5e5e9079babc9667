import type {
  DeliveryAddress,
  LineReservation,
  OrderFulfilment,
  OrderLine,
  OrderPaymentMethod,
  OrderShipment,
  OrderStatus,
  ReturnLine,
  ShipmentLine,
  ShipmentMode,
  WithdrawnLine,
} from './order-values.js';

/**
 * Data of the public order events (stream `order-<orderId>`, Kafka topic `orders.order`), written by hand to match
 * the JSON Schemas beside this file. Wire format: change only together with a compatible schema edit. Each event
 * carries what a reactor (the order saga, a notifier) needs without reading the stream.
 */

export interface OrderPlaced {
  readonly orderId: string;
  readonly customerId: string;
  /** The price channel, e.g. `web`. */
  readonly channel: string;
  /** ISO 3166-1 alpha-2, e.g. `GB`. */
  readonly market: string;
  /** ISO 4217. */
  readonly currency: string;
  /** The inventory sales channel, by default `${channel}-${market lower-case}`, e.g. `web-gb`. */
  readonly salesChannel: string;
  readonly lines: readonly OrderLine[];
  readonly total: number;
  readonly fulfilment: OrderFulfilment;
  readonly shipFromStoreAllowed: boolean;
  readonly payment: OrderPaymentMethod;
  readonly placedAt: string;
}

export interface OrderStockReserved {
  readonly orderId: string;
  readonly reservations: readonly LineReservation[];
  readonly at: string;
}

export interface OrderPaymentAuthorised {
  readonly orderId: string;
  readonly paymentId: string;
  readonly amount: number;
  readonly currency: string;
  readonly at: string;
}

/** Shipments assigned to locations (first release, or re-sourcing after a rejection: `resourced`). */
export interface OrderReleased {
  readonly orderId: string;
  readonly shipments: readonly OrderShipment[];
  /** Lines no location can fulfil (partial fulfilment): their stock is released and they are not charged. */
  readonly unfulfillableLines: readonly WithdrawnLine[];
  readonly amountReleased: number;
  /** What the order costs now. */
  readonly total: number;
  readonly currency: string;
  readonly resourced: boolean;
  readonly at: string;
}

interface ShipmentFact {
  readonly orderId: string;
  readonly shipmentId: string;
  readonly locationId: string;
  readonly mode: ShipmentMode;
  readonly lines: readonly ShipmentLine[];
  readonly at: string;
}

export type OrderShipmentPicked = ShipmentFact;

/** The store cannot fulfil the shipment; its lines wait to be sourced again. */
export interface OrderShipmentRejected extends ShipmentFact {
  readonly reason: string;
}

/** Shipped: `amount` is the value of its lines, what a capture on shipment takes from `paymentId`. */
export interface OrderShipmentDispatched extends ShipmentFact {
  readonly carrier: string;
  readonly trackingNumber: string;
  readonly paymentId: string | null;
  readonly amount: number;
  readonly currency: string;
}

export type OrderShipmentDelivered = ShipmentFact;

/** Every shipment of a delivered order arrived. */
export interface OrderDelivered {
  readonly orderId: string;
  readonly at: string;
}

export interface OrderReadyForCollection {
  readonly orderId: string;
  readonly storeId: string;
  readonly at: string;
}

/** Collected in store: `amount` is what is left to capture from `paymentId`. */
export interface OrderCollected {
  readonly orderId: string;
  readonly storeId: string;
  readonly paymentId: string | null;
  readonly amount: number;
  readonly currency: string;
  readonly at: string;
}

export interface OrderPaymentCaptured {
  readonly orderId: string;
  readonly paymentId: string;
  /** What identifies this capture among the payment's captures (a shipment id, or the payment id for one). */
  readonly captureId: string;
  readonly amount: number;
  /** Captured so far, this capture included. */
  readonly capturedTotal: number;
  readonly currency: string;
  readonly at: string;
}

/** The whole order is cancelled: release `lines`' reservations and void the authorisation, if any. */
export interface OrderCancelled {
  readonly orderId: string;
  readonly reason: string;
  readonly previousStatus: OrderStatus;
  readonly lines: readonly WithdrawnLine[];
  readonly paymentId: string | null;
  readonly authorisedAmount: number;
  readonly currency: string;
  readonly at: string;
}

/** Some lines are cancelled: release their reservations; `amountReleased` is no longer owed. */
export interface OrderLinesCancelled {
  readonly orderId: string;
  readonly reason: string;
  readonly lines: readonly WithdrawnLine[];
  readonly amountReleased: number;
  readonly total: number;
  readonly paymentId: string | null;
  readonly currency: string;
  readonly at: string;
}

export interface OrderDeliveryAddressChanged {
  readonly orderId: string;
  readonly address: DeliveryAddress;
  readonly at: string;
}

/** The order failed (out of stock, payment declined or timed out, never collected): undo what it held. */
export interface OrderFailed {
  readonly orderId: string;
  readonly code: string;
  readonly reason: string;
  readonly previousStatus: OrderStatus;
  readonly lines: readonly WithdrawnLine[];
  readonly paymentId: string | null;
  readonly authorisedAmount: number;
  readonly capturedAmount: number;
  readonly currency: string;
  readonly at: string;
}

export interface OrderReturnAuthorised {
  readonly orderId: string;
  readonly returnId: string;
  readonly lines: readonly ReturnLine[];
  readonly amount: number;
  readonly currency: string;
  readonly reason: string;
  readonly at: string;
}

/** The returned goods arrived: refund `refundAmount` to `paymentId`. */
export interface OrderReturnReceived {
  readonly orderId: string;
  readonly returnId: string;
  readonly lines: readonly ReturnLine[];
  readonly refundAmount: number;
  readonly paymentId: string | null;
  readonly currency: string;
  readonly at: string;
}

export interface OrderRefunded {
  readonly orderId: string;
  readonly refundId: string;
  readonly returnId: string | null;
  readonly paymentId: string;
  readonly amount: number;
  readonly currency: string;
  readonly at: string;
}

export type OrderEventType =
  | 'OrderPlaced'
  | 'OrderStockReserved'
  | 'OrderPaymentAuthorised'
  | 'OrderReleased'
  | 'OrderShipmentPicked'
  | 'OrderShipmentRejected'
  | 'OrderShipmentDispatched'
  | 'OrderShipmentDelivered'
  | 'OrderDelivered'
  | 'OrderReadyForCollection'
  | 'OrderCollected'
  | 'OrderPaymentCaptured'
  | 'OrderCancelled'
  | 'OrderLinesCancelled'
  | 'OrderDeliveryAddressChanged'
  | 'OrderFailed'
  | 'OrderReturnAuthorised'
  | 'OrderReturnReceived'
  | 'OrderRefunded';
