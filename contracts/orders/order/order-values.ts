/**
 * Values shared by the public order events (contracts/orders/order), written by hand to match the `$defs` of the
 * JSON Schemas beside this file. Wire format: change only together with a compatible schema edit. Amounts are
 * integer minor units of the order's ISO 4217 currency; times are ISO 8601 UTC.
 */

export interface GeoPoint {
  readonly lat: number;
  readonly lon: number;
}

/** A delivery address; `location` is where sourcing measures distances from. */
export interface DeliveryAddress {
  readonly name: string;
  readonly line1: string;
  readonly line2?: string;
  readonly city: string;
  readonly postcode: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  readonly location: GeoPoint;
}

export type OrderFulfilment =
  | { readonly type: 'ship_to_home' | 'ship_from_store'; readonly address: DeliveryAddress }
  | { readonly type: 'collect_in_store'; readonly storeId: string };

export type FulfilmentType = OrderFulfilment['type'];

/** A priced order line: the price the catalog's price list gave the SKU when the order was placed. */
export interface OrderLine {
  readonly lineId: string;
  readonly sku: string;
  readonly quantity: number;
  /** What the customer pays per unit, promotion applied. */
  readonly unitPrice: number;
  /** The price list's amount per unit, before promotions. */
  readonly regularUnitPrice: number;
  /** The promotion that lowered the price; absent when none did. */
  readonly promotionId?: string;
  /** unitPrice × quantity. */
  readonly lineTotal: number;
}

/** How the customer pays: a method (e.g. `card`) and an opaque token from the payment page; never logged. */
export interface OrderPaymentMethod {
  readonly method: string;
  readonly token: string;
}

/** A line taken out of the order (cancelled, unfulfillable, or closed with the order), with what it held. */
export interface WithdrawnLine {
  readonly lineId: string;
  readonly sku: string;
  readonly quantity: number;
  /** The stock reservation to release; null when stock was never reserved for it. */
  readonly reservationId: string | null;
  /** The line's total, no longer owed. */
  readonly amount: number;
}

export interface LineReservation {
  readonly lineId: string;
  readonly sku: string;
  readonly quantity: number;
  readonly reservationId: string;
}

export type ShipmentMode = 'ship' | 'pick_up' | 'transfer';

export interface ShipmentLine {
  readonly lineId: string;
  readonly sku: string;
  readonly quantity: number;
}

/** Units of order lines assigned to one location: what appears on that location's pick list. */
export interface OrderShipment {
  readonly shipmentId: string;
  readonly locationId: string;
  readonly mode: ShipmentMode;
  readonly lines: readonly ShipmentLine[];
}

export interface ReturnLine {
  readonly lineId: string;
  readonly sku: string;
  readonly quantity: number;
  /** unitPrice × quantity: what is refunded for it. */
  readonly amount: number;
}

export const ORDER_STATUSES = [
  'placed',
  'stock_reserved',
  'payment_authorised',
  'released',
  'dispatched',
  'delivered',
  'ready_for_collection',
  'collected',
  'cancelled',
  'failed',
] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];
