/**
 * Data of the public shipment events (stream `shipment-<shipmentId>`, Kafka topic `shipments.shipment`), written
 * by hand to match the JSON Schemas beside this file. Wire format: change only together with a compatible schema
 * edit. Every event names its order and, where units move, the order lines it carries, so the order saga can move
 * the order forward without reading the shipment.
 */

/** A postal address. `countryCode` is ISO 3166-1 alpha-2. */
export interface Address {
  readonly name: string;
  /** Street lines, 1 to 3. */
  readonly lines: readonly string[];
  readonly city: string;
  readonly postalCode: string;
  readonly countryCode: string;
  readonly region?: string;
  readonly phone?: string;
}

/** Integer minor units of an ISO 4217 currency (1299 GBP is £12.99). */
export interface Money {
  readonly amount: number;
  readonly currency: string;
}

/** One order line, and how many of its units travel in this parcel. */
export interface ShipmentLine {
  readonly lineId: string;
  readonly sku: string;
  readonly quantity: number;
}

/** The parcel as packed: grams and millimetres, all whole and at least 1. */
export interface Parcel {
  readonly weightGrams: number;
  readonly lengthMm: number;
  readonly widthMm: number;
  readonly heightMm: number;
}

export interface ShipFrom {
  readonly locationId: string;
  readonly address: Address;
}

/** Where the carrier saw the parcel; every part is optional, carriers report what they know. */
export interface TrackingLocation {
  readonly city?: string;
  readonly postalCode?: string;
  readonly countryCode?: string;
}

export type ServiceLevel = 'standard' | 'express' | 'next_day';

export interface ShipmentRequested {
  readonly shipmentId: string;
  readonly orderId: string;
  readonly market: string;
  readonly shipFrom: ShipFrom;
  readonly shipTo: Address;
  /** The store the customer collects from; null for delivery to the address. */
  readonly collectionStoreId: string | null;
  readonly lines: readonly ShipmentLine[];
  readonly parcel: Parcel;
  readonly serviceLevel: ServiceLevel;
  /** The carrier chosen by configuration for the market and service level. */
  readonly carrier: string;
  readonly requestedAt: string;
}

export interface ShipmentLabelCreated {
  readonly shipmentId: string;
  readonly orderId: string;
  readonly lines: readonly ShipmentLine[];
  readonly carrier: string;
  /** The carrier's own service name or code. */
  readonly service: string;
  readonly trackingNumber: string;
  /** The carrier's reference of the label (its shipment id), used to void it. */
  readonly labelReference: string;
  readonly cost: Money;
  readonly createdAt: string;
}

/** The carrier refused to sell a label (an address it cannot serve, say); the shipment may be asked again. */
export interface ShipmentLabelFailed {
  readonly shipmentId: string;
  readonly orderId: string;
  readonly carrier: string;
  readonly reason: string;
  readonly failedAt: string;
}

/** Common to every tracking event: the carrier's report and when we recorded it. */
export interface TrackingReport {
  readonly shipmentId: string;
  readonly orderId: string;
  readonly carrier: string;
  readonly trackingNumber: string;
  /** The carrier's identity of the report: a repeat of it is dropped. */
  readonly carrierEventId: string;
  /** The carrier's time of the event (ISO 8601 UTC). */
  readonly occurredAt: string;
  readonly location: TrackingLocation | null;
  readonly description: string;
  readonly recordedAt: string;
}

/** Handed over to the carrier and moving: the order's lines in it are shipped. */
export interface ShipmentInTransit extends TrackingReport {
  readonly lines: readonly ShipmentLine[];
}
export type ShipmentOutForDelivery = TrackingReport;
export interface ShipmentDelivered extends TrackingReport {
  readonly lines: readonly ShipmentLine[];
}
/** Something unusual happened; the parcel may still arrive. */
export type ShipmentException = TrackingReport;
export interface ShipmentDeliveryFailed extends TrackingReport {
  readonly lines: readonly ShipmentLine[];
}
/** Back with the sender: the lines were never delivered. */
export interface ShipmentReturned extends TrackingReport {
  readonly lines: readonly ShipmentLine[];
}

/** Cancelled before hand-over; a label bought for it was voided with the carrier. */
export interface ShipmentCancelled {
  readonly shipmentId: string;
  readonly orderId: string;
  readonly lines: readonly ShipmentLine[];
  readonly reason: string;
  readonly labelVoided: boolean;
  readonly cancelledAt: string;
}

export type ShipmentEventType =
  | 'ShipmentRequested'
  | 'ShipmentLabelCreated'
  | 'ShipmentLabelFailed'
  | 'ShipmentInTransit'
  | 'ShipmentOutForDelivery'
  | 'ShipmentDelivered'
  | 'ShipmentException'
  | 'ShipmentDeliveryFailed'
  | 'ShipmentReturned'
  | 'ShipmentCancelled';
