import type { Command, DecidedEvent } from '@omnistream/kernel';
import type {
  Address,
  Money,
  Parcel,
  ShipmentCancelled,
  ShipmentDelivered,
  ShipmentDeliveryFailed,
  ShipmentException,
  ShipmentInTransit,
  ShipmentLabelCreated,
  ShipmentLabelFailed,
  ShipmentLine,
  ShipmentOutForDelivery,
  ShipmentRequested,
  ShipmentReturned,
  ShipFrom,
  TrackingLocation,
} from '@omnistream/contracts/shipments';

export type { Address, Money, Parcel, ShipmentLine, ShipFrom, TrackingLocation };

/** What a carrier reports about a parcel, normalised across carriers. */
export type TrackingStatus =
  'in_transit' | 'out_for_delivery' | 'delivered' | 'exception' | 'delivery_failed' | 'returned';

export type ShipmentStatus = 'requested' | 'label_failed' | 'label_created' | TrackingStatus | 'cancelled';

export interface TrackingEntry {
  readonly status: TrackingStatus;
  /** When the carrier says it happened (ISO 8601 UTC). */
  readonly occurredAt: string;
  readonly location: TrackingLocation | null;
  readonly description: string;
  /** Whether it moved the shipment; false for a late or repeated report kept only as history. */
  readonly applied: boolean;
}

export interface Label {
  readonly carrier: string;
  readonly service: string;
  readonly trackingNumber: string;
  readonly labelReference: string;
  readonly cost: Money;
}

export type Shipment =
  | { readonly status: 'none' }
  | {
      readonly status: ShipmentStatus;
      readonly request: ShipmentRequested;
      readonly label: Label | null;
      readonly history: readonly TrackingEntry[];
      /** Carrier event identities already recorded: a repeated webhook changes nothing. */
      readonly seen: ReadonlySet<string>;
      /** Carrier time of the last report that moved the shipment: an older one never moves it again. */
      readonly lastMovedAt: string | null;
      readonly failure: string | null;
    };

export type RequestShipmentData = Omit<ShipmentRequested, 'requestedAt'>;

export interface RecordTrackingData {
  readonly shipmentId: string;
  /** The carrier's identity of this report (its event id, or what identifies it when it has none). */
  readonly carrierEventId: string;
  readonly status: TrackingStatus;
  readonly occurredAt: string;
  readonly location: TrackingLocation | null;
  readonly description: string;
}

export type ShipmentCommand =
  | Command<'RequestShipment', RequestShipmentData>
  | Command<'RecordLabel', { readonly shipmentId: string } & Label>
  | Command<
      'RecordLabelFailure',
      { readonly shipmentId: string; readonly carrier: string; readonly reason: string }
    >
  | Command<'RecordTracking', RecordTrackingData>
  | Command<
      'CancelShipment',
      {
        readonly shipmentId: string;
        readonly reason: string;
        /** The carrier confirmed the label void; required once a label was bought. */
        readonly labelVoided: boolean;
      }
    >;

/** A report that did not move the shipment (late, or after it ended); private, kept as tracking history. */
export interface ShipmentTrackingNoted extends RecordTrackingData {
  readonly recordedAt: string;
}

export type ShipmentEvent =
  | DecidedEvent<'ShipmentRequested', ShipmentRequested>
  | DecidedEvent<'ShipmentLabelCreated', ShipmentLabelCreated>
  | DecidedEvent<'ShipmentLabelFailed', ShipmentLabelFailed>
  | DecidedEvent<'ShipmentInTransit', ShipmentInTransit>
  | DecidedEvent<'ShipmentOutForDelivery', ShipmentOutForDelivery>
  | DecidedEvent<'ShipmentDelivered', ShipmentDelivered>
  | DecidedEvent<'ShipmentException', ShipmentException>
  | DecidedEvent<'ShipmentDeliveryFailed', ShipmentDeliveryFailed>
  | DecidedEvent<'ShipmentReturned', ShipmentReturned>
  | DecidedEvent<'ShipmentCancelled', ShipmentCancelled>
  | DecidedEvent<'ShipmentTrackingNoted', ShipmentTrackingNoted>;
