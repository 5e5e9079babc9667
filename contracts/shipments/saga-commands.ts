import type { Address, Parcel, ServiceLevel, ShipFrom } from './shipment/shipment-events.js';

/**
 * The commands shipments takes from sagas (topic `shipments.commands`, inside SagaCommandIssued), and what its
 * replies carry. Both are idempotent: a shipment id buys one label, however often it is asked for.
 */
export interface CreateShipmentCommand {
  readonly shipmentId: string;
  readonly orderId: string;
  readonly market: string;
  readonly shipFrom: ShipFrom;
  readonly shipTo: Address;
  readonly lines: readonly { readonly lineId: string; readonly sku: string; readonly quantity: number }[];
  readonly parcel: Parcel;
  readonly serviceLevel: ServiceLevel;
}
export interface CancelShipmentCommand {
  readonly shipmentId: string;
  readonly reason: string;
}

/** The shipment after the command; tracking arrives later as the public shipment events. */
export interface ShipmentCommandResult {
  readonly shipmentId: string;
  readonly status: string;
  readonly carrier: string;
  readonly trackingNumber: string | null;
}

export type ShipmentsSagaCommand =
  | { readonly type: 'CreateShipment'; readonly data: CreateShipmentCommand }
  | { readonly type: 'CancelShipment'; readonly data: CancelShipmentCommand };
