import type { Sql } from '@omnistream/event-store';
import { readModel } from '@omnistream/projections';
import { SHIPMENT_PROJECTION } from './shipment-projection.js';

export interface ShipmentSummary {
  readonly shipmentId: string;
  readonly orderId: string;
  readonly carrier: string;
  readonly trackingNumber: string | null;
  readonly status: string;
  readonly version: number;
  readonly requestedAt: string;
  readonly updatedAt: string;
}

interface Row {
  shipment_id: string;
  order_id: string;
  carrier: string;
  tracking_number: string | null;
  status: string;
  version: number;
  requested_at: string | Date;
  updated_at: string | Date;
}

const iso = (value: string | Date): string => new Date(value).toISOString();

const toSummary = (row: Row): ShipmentSummary => ({
  shipmentId: row.shipment_id,
  orderId: row.order_id,
  carrier: row.carrier,
  trackingNumber: row.tracking_number,
  status: row.status,
  version: Number(row.version),
  requestedAt: iso(row.requested_at),
  updatedAt: iso(row.updated_at),
});

/** Reads of the shipment read model (its active version). */
export const shipmentIndex = (sql: Sql) => ({
  byOrder: (orderId: string): Promise<ShipmentSummary[]> =>
    readModel(sql, SHIPMENT_PROJECTION, async ({ t }) =>
      (
        await sql.query<Row>(
          `select * from ${t('shipments')} where order_id = $1 order by shipment_id limit 500`,
          [orderId],
        )
      ).map(toSummary),
    ),

  byTrackingNumber: (carrier: string, trackingNumber: string): Promise<string | undefined> =>
    readModel(sql, SHIPMENT_PROJECTION, async ({ t }) => {
      const [row] = await sql.query<{ shipment_id: string }>(
        `select shipment_id from ${t('shipments')} where carrier = $1 and tracking_number = $2`,
        [carrier, trackingNumber],
      );
      return row?.shipment_id;
    }),
});

export type ShipmentIndex = ReturnType<typeof shipmentIndex>;
