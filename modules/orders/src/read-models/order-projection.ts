import type { EventEnvelope } from '@omnistream/kernel';
import type { Sql } from '@omnistream/event-store';
import type { Projection, TableName } from '@omnistream/projections';
import { order } from '../domain/order/order.js';
import type { OrderEvent } from '../domain/order/order-event.js';
import type { Order, OrderState } from '../domain/order/order-state.js';

export const ORDER_PROJECTION = 'orders';

/** One line of an order's history, as GET /orders/:orderId shows it. */
export interface HistoryEntry {
  readonly version: number;
  readonly type: string;
  readonly at: string;
}

const isOrderEvent = (event: EventEnvelope): boolean =>
  event.streamId.startsWith('order-') && event.type.startsWith('Order');

const upsertOrder = async (tx: Sql, t: TableName, state: Order, version: number, history: HistoryEntry[]) => {
  const storeId = state.fulfilment.type === 'collect_in_store' ? state.fulfilment.storeId : null;
  await tx.query(
    `insert into ${t('orders')} (order_id, customer_id, status, store_id, version, state, history)
     values ($1, $2, $3, $4, $5, $6::text::jsonb, $7::text::jsonb)
     on conflict (order_id) do update set status = excluded.status, version = excluded.version,
       state = excluded.state, history = excluded.history`,
    [
      state.placed.orderId,
      state.placed.customerId,
      state.status,
      storeId,
      version,
      JSON.stringify(state),
      JSON.stringify(history),
    ],
  );
};

/** Keeps each location's pick list: released shipments not yet picked (nor rejected, nor closed with the order). */
const updatePickList = async (tx: Sql, t: TableName, event: OrderEvent, at: string) => {
  const orderId = event.data.orderId;
  switch (event.type) {
    case 'OrderReleased':
      for (const s of event.data.shipments)
        await tx.query(
          `insert into ${t('pick_list')} (location_id, order_id, shipment_id, entry) values ($1, $2, $3, $4::text::jsonb)
           on conflict do nothing`,
          [
            s.locationId,
            orderId,
            s.shipmentId,
            JSON.stringify({ mode: s.mode, lines: s.lines, releasedAt: at }),
          ],
        );
      return;
    case 'OrderShipmentPicked':
    case 'OrderShipmentRejected':
    case 'OrderShipmentDispatched':
      await tx.query(`delete from ${t('pick_list')} where order_id = $1 and shipment_id = $2`, [
        orderId,
        event.data.shipmentId,
      ]);
      return;
    case 'OrderFailed':
    case 'OrderCancelled':
      await tx.query(`delete from ${t('pick_list')} where order_id = $1`, [orderId]);
      return;
    case 'OrderPlaced':
    case 'OrderStockReserved':
    case 'OrderPaymentAuthorised':
    case 'OrderShipmentDelivered':
    case 'OrderDelivered':
    case 'OrderReadyForCollection':
    case 'OrderCollected':
    case 'OrderPaymentCaptured':
    case 'OrderLinesCancelled':
    case 'OrderDeliveryAddressChanged':
    case 'OrderReturnAuthorised':
    case 'OrderReturnReceived':
    case 'OrderRefunded':
      return; // nothing on a pick list changes
  }
};

/**
 * Order details, a customer's orders, pick lists per location and the collection queue per store. The details are
 * the decider's own state, folded with the decider's `evolve`, so the read model cannot disagree with the order.
 */
export const orderProjection: Projection = {
  name: ORDER_PROJECTION,
  version: 1,
  tables: ['orders', 'pick_list'],
  filter: isOrderEvent,
  setup: async (tx, t) => {
    await tx.query(`create table ${t('orders')} (
      order_id text primary key, customer_id text not null, status text not null, store_id text,
      version integer not null, state jsonb not null, history jsonb not null)`);
    await tx.query(`create index on ${t('orders')} (customer_id, order_id)`);
    await tx.query(`create index on ${t('orders')} (store_id, status)`);
    await tx.query(`create table ${t('pick_list')} (
      location_id text not null, order_id text not null, shipment_id text not null, entry jsonb not null,
      primary key (location_id, order_id, shipment_id))`);
  },
  handle: async (events, tx, t) => {
    for (const envelope of events.filter(isOrderEvent)) {
      const event = { type: envelope.type, data: envelope.data } as OrderEvent;
      const [row] = await tx.query<{ state: OrderState; history: HistoryEntry[]; version: number }>(
        `select state, history, version from ${t('orders')} where order_id = $1`,
        [event.data.orderId],
      );
      if (row !== undefined && row.version >= envelope.version) continue; // applied already
      const state = order.evolve(row?.state ?? order.initialState(), event);
      if (state.status === 'none') continue;
      const at = envelope.metadata.occurredAt ?? envelope.recordedAt;
      const history = [...(row?.history ?? []), { version: envelope.version, type: envelope.type, at }];
      await upsertOrder(tx, t, state, envelope.version, history);
      await updatePickList(tx, t, event, at);
    }
  },
};
