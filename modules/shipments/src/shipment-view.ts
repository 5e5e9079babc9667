import { DomainError } from '@omnistream/kernel';
import type { Address, Parcel, ServiceLevel, ShipFrom, ShipmentLine } from '@omnistream/contracts/shipments';
import type { Label, Shipment, ShipmentStatus, TrackingEntry } from './domain/shipment/shipment-messages.js';

/** A shipment as the API and the order saga read it. */
export interface ShipmentView {
  readonly shipmentId: string;
  readonly orderId: string;
  readonly market: string;
  readonly status: ShipmentStatus;
  readonly carrier: string;
  readonly serviceLevel: ServiceLevel;
  readonly shipFrom: ShipFrom;
  readonly shipTo: Address;
  readonly collectionStoreId: string | null;
  readonly lines: readonly ShipmentLine[];
  readonly parcel: Parcel;
  readonly label: Label | null;
  /** Why the carrier last refused a label, while it stands. */
  readonly failure: string | null;
  /** Every carrier report in the order it arrived; `applied: false` ones were late or repeated. */
  readonly tracking: readonly TrackingEntry[];
  readonly requestedAt: string;
  /** The stream version: the ETag. */
  readonly version: number;
}

export const toShipmentView = (state: Shipment, version: number, shipmentId: string): ShipmentView => {
  if (state.status === 'none')
    throw new DomainError('SHIPMENT_NOT_FOUND', `there is no shipment ${shipmentId}`, { shipmentId });
  const { request } = state;
  return {
    shipmentId: request.shipmentId,
    orderId: request.orderId,
    market: request.market,
    status: state.status,
    carrier: request.carrier,
    serviceLevel: request.serviceLevel,
    shipFrom: request.shipFrom,
    shipTo: request.shipTo,
    collectionStoreId: request.collectionStoreId,
    lines: request.lines,
    parcel: request.parcel,
    label: state.label,
    failure: state.failure,
    tracking: state.history,
    requestedAt: request.requestedAt,
    version,
  };
};
