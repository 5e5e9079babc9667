import type { EventEnvelope } from '@omnistream/kernel';
import type { Projection } from '@omnistream/projections';
import type { ShipmentRequested } from '@omnistream/contracts/shipments';

export const SHIPMENT_PROJECTION = 'shipments_by_order';

const STATUS_BY_TYPE: Readonly<Record<string, string>> = {
  ShipmentLabelCreated: 'label_created',
  ShipmentLabelFailed: 'label_failed',
  ShipmentInTransit: 'in_transit',
  ShipmentOutForDelivery: 'out_for_delivery',
  ShipmentDelivered: 'delivered',
  ShipmentException: 'exception',
  ShipmentDeliveryFailed: 'delivery_failed',
  ShipmentReturned: 'returned',
  ShipmentCancelled: 'cancelled',
};

const isShipmentEvent = (event: EventEnvelope): boolean => event.streamId.startsWith('shipment-');

/**
 * One row per shipment: its order, carrier, tracking number and status. Serves "the shipments of an order" and
 * finds the shipment a carrier's webhook is about by tracking number, when the carrier does not echo our id.
 */
export const shipmentProjection: Projection = {
  name: SHIPMENT_PROJECTION,
  version: 1,
  tables: ['shipments'],
  filter: isShipmentEvent,
  setup: async (tx, t) => {
    await tx.query(`create table ${t('shipments')} (
      shipment_id text collate "C" primary key,
      order_id text collate "C" not null,
      carrier text not null,
      tracking_number text,
      status text not null,
      version int not null,
      requested_at timestamptz not null,
      updated_at timestamptz not null)`);
    await tx.query(`create index on ${t('shipments')} (order_id, shipment_id)`);
    await tx.query(`create index on ${t('shipments')} (carrier, tracking_number)`);
  },
  handle: async (events, tx, t) => {
    for (const event of events.filter(isShipmentEvent)) {
      const shipmentId = event.streamId.slice('shipment-'.length);
      const at = event.metadata.occurredAt ?? event.recordedAt;
      if (event.type === 'ShipmentRequested') {
        const data = event.data as ShipmentRequested;
        await tx.query(
          `insert into ${t('shipments')}
             (shipment_id, order_id, carrier, status, version, requested_at, updated_at)
           values ($1, $2, $3, 'requested', $4, $5::timestamptz, $5::timestamptz)
           on conflict (shipment_id) do nothing`,
          [shipmentId, data.orderId, data.carrier, event.version, data.requestedAt],
        );
        continue;
      }
      const status = STATUS_BY_TYPE[event.type];
      const trackingNumber =
        event.type === 'ShipmentLabelCreated'
          ? (event.data as { trackingNumber: string }).trackingNumber
          : null;
      // A private note changes only the version: it is still part of what GET returns.
      await tx.query(
        `update ${t('shipments')} set status = coalesce($2, status), version = $3,
           tracking_number = coalesce($4, tracking_number), updated_at = $5::timestamptz
         where shipment_id = $1`,
        [shipmentId, status ?? null, event.version, trackingNumber, at],
      );
    }
  },
};
