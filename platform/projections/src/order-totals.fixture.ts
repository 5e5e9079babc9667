import type { EventEnvelope } from '@omnistream/kernel';
import type { EventStore, Sql } from '@omnistream/event-store';
import type { Projection } from './projection.js';
import { readModel } from './read-model.js';

/** Test fixture: orders placed by customers, and two versions of a read model over them. */
export interface OrderPlaced {
  readonly customer: string;
  readonly total: number;
}

export const isOrderPlaced = (event: EventEnvelope): event is EventEnvelope<'OrderPlaced', OrderPlaced> =>
  event.type === 'OrderPlaced';

/** v1: one row per customer with a running total. No per-event key, so an event applied twice would show. */
export const orderTotalsV1 = (name: string): Projection => ({
  name,
  version: 1,
  tables: ['totals'],
  filter: isOrderPlaced,
  setup: async (tx, t) => {
    await tx.query(
      `create table ${t('totals')} (customer text primary key, orders int not null, total bigint not null)`,
    );
  },
  handle: async (events, tx, t) => {
    for (const event of events.filter(isOrderPlaced))
      await tx.query(
        `insert into ${t('totals')} (customer, orders, total) values ($1, 1, $2)
         on conflict (customer) do update set orders = ${t('totals')}.orders + 1, total = ${t('totals')}.total + excluded.total`,
        [event.data.customer, event.data.total],
      );
  },
});

/** v2, a new shape: totals in minor units and the largest order, in a differently named table. */
export const orderTotalsV2 = (name: string): Projection => ({
  name,
  version: 2,
  tables: ['customers'],
  filter: isOrderPlaced,
  setup: async (tx, t) => {
    await tx.query(
      `create table ${t('customers')} (customer text primary key, order_count int not null, total_cents bigint not null, largest bigint not null)`,
    );
  },
  handle: async (events, tx, t) => {
    for (const event of events.filter(isOrderPlaced))
      await tx.query(
        `insert into ${t('customers')} (customer, order_count, total_cents, largest) values ($1, 1, $2::bigint * 100, $2)
         on conflict (customer) do update set order_count = ${t('customers')}.order_count + 1,
           total_cents = ${t('customers')}.total_cents + excluded.total_cents,
           largest = greatest(${t('customers')}.largest, excluded.largest)`,
        [event.data.customer, event.data.total],
      );
  },
});

export interface CustomerTotals {
  readonly orders: number;
  readonly total: number;
  readonly largest: number;
}

/** The expected read model, computed from scratch from the whole feed. */
export const totalsFromFeed = async (store: EventStore): Promise<Map<string, CustomerTotals>> => {
  const totals = new Map<string, CustomerTotals>();
  let position = { transactionId: 0n, globalPosition: 0n };
  for (;;) {
    const page = await store.readFeed(position, { limit: 1000 });
    if (page.events.length === 0) return totals;
    for (const event of page.events.filter(isOrderPlaced)) {
      const before = totals.get(event.data.customer) ?? { orders: 0, total: 0, largest: 0 };
      totals.set(event.data.customer, {
        orders: before.orders + 1,
        total: before.total + event.data.total,
        largest: Math.max(before.largest, event.data.total),
      });
    }
    position = page.position;
  }
};

/** Reads the active version, whichever shape it has, as a reader in production would. */
export const readTotals = (
  sql: Sql,
  name: string,
): Promise<{ version: number; totals: Map<string, CustomerTotals> }> =>
  readModel(sql, name, async ({ version, t }) => {
    const rows =
      version === 1
        ? await sql.query<{ customer: string; orders: number; total: string }>(
            `select customer, orders, total::text as total from ${t('totals')}`,
          )
        : await sql.query<{ customer: string; orders: number; total: string; largest: string }>(
            `select customer, order_count as orders, (total_cents / 100)::text as total, largest::text as largest from ${t('customers')}`,
          );
    return {
      version,
      totals: new Map(
        rows.map((row) => [
          row.customer,
          {
            orders: row.orders,
            total: Number(row.total),
            largest: 'largest' in row ? Number(row.largest) : 0,
          },
        ]),
      ),
    };
  });

export const ordersIn = (totals: Map<string, CustomerTotals>): number =>
  [...totals.values()].reduce((sum, c) => sum + c.orders, 0);

/** Appends one OrderPlaced to `order-<order>`. */
export const placeOrder = (store: EventStore, order: string | number, customer: string, total: number) =>
  store.append(`order-${order}`, [{ type: 'OrderPlaced', data: { customer, total } }]);
