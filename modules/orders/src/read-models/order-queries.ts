import { DomainError } from '@omnistream/kernel';
import type { Sql } from '@omnistream/event-store';
import { readModel } from '@omnistream/projections';
import type { ShipmentLine, ShipmentMode } from '@omnistream/contracts/orders';
import type { Order } from '../domain/order/order-state.js';
import { ORDER_PROJECTION, type HistoryEntry } from './order-projection.js';
import { orderView, type OrderView } from './order-view.js';

interface OrderRow {
  state: Order;
  version: number;
  history: HistoryEntry[];
}

/** Reads of the orders read model: details, a customer's orders, pick lists and collection queues. */
export const orderQueries = (database: Sql) => {
  const read = <T>(work: (t: (base: string) => string) => Promise<T>) =>
    readModel(database, ORDER_PROJECTION, ({ t }) => work(t));
  return {
    details: async (orderId: string): Promise<OrderView> => {
      const [row] = await read((t) =>
        database.query<OrderRow>(`select state, version, history from ${t('orders')} where order_id = $1`, [
          orderId,
        ]),
      );
      if (row === undefined) throw new DomainError('ORDER_NOT_FOUND', `no order ${orderId}`);
      return orderView(row.state, row.version, row.history);
    },
    /** Newest first; `cursor` is the last order id of the previous page (UUIDv7 ids sort by time). */
    byCustomer: async (customerId: string, limit: number, cursor?: string) => {
      const rows = await read((t) =>
        database.query<OrderRow & { order_id: string }>(
          `select order_id, state, version, history from ${t('orders')}
           where customer_id = $1 and ($2::text is null or order_id < $2) order by order_id desc limit $3`,
          [customerId, cursor ?? null, limit + 1],
        ),
      );
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map((row) => orderView(row.state, row.version, row.history)),
        nextCursor: rows.length > limit && last !== undefined ? last.order_id : null,
      };
    },
    pickList: async (locationId: string) => {
      const rows = await read((t) =>
        database.query<{
          order_id: string;
          shipment_id: string;
          entry: { mode: ShipmentMode; lines: ShipmentLine[]; releasedAt: string };
        }>(
          `select order_id, shipment_id, entry from ${t('pick_list')} where location_id = $1
           order by entry->>'releasedAt', order_id, shipment_id`,
          [locationId],
        ),
      );
      return {
        locationId,
        shipments: rows.map((r) => ({ orderId: r.order_id, shipmentId: r.shipment_id, ...r.entry })),
      };
    },
    collectionQueue: async (storeId: string) => {
      const rows = await read((t) =>
        database.query<OrderRow>(
          `select state, version, history from ${t('orders')}
           where store_id = $1 and status = 'ready_for_collection' order by order_id`,
          [storeId],
        ),
      );
      return {
        storeId,
        orders: rows.map((row) => ({
          orderId: row.state.placed.orderId,
          customerId: row.state.placed.customerId,
          readyAt: row.history.findLast((h) => h.type === 'OrderReadyForCollection')?.at ?? null,
          lines: row.state.lines
            .filter((l) => l.status === 'open')
            .map((l) => ({ lineId: l.line.lineId, sku: l.line.sku, quantity: l.line.quantity })),
        })),
      };
    },
  };
};

export type OrderQueries = ReturnType<typeof orderQueries>;
