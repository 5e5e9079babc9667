import type { EventEnvelope } from '@omnistream/kernel';
import type { Projection } from '@omnistream/projections';
import type { StockItemEvent } from '../domain/stock/stock-item-messages.js';
import { stockDeltas } from './stock-deltas.js';

export const STOCK_PROJECTION = 'inventory_stock';

const isStockEvent = (event: EventEnvelope): boolean => event.streamId.startsWith('stock-');

/**
 * Stock levels per SKU and location, each SKU's stream version (what the availability view checks it is current
 * against), and reservations by expiry (what the expiry sweep reads). Written inline, in the append's transaction,
 * with one statement per table however many events the append holds: a hot SKU's batch of hundreds of
 * reservations costs three statements.
 */
export const stockProjection: Projection = {
  name: STOCK_PROJECTION,
  version: 1,
  tables: ['levels', 'skus', 'reservations'],
  filter: isStockEvent,
  setup: async (tx, t) => {
    await tx.query(`create table ${t('levels')} (
      sku text not null, location_id text not null,
      on_hand bigint not null default 0, reserved bigint not null default 0, safety bigint not null default 0,
      primary key (sku, location_id))`);
    await tx.query(`create table ${t('skus')} (sku text primary key, version bigint not null)`);
    await tx.query(`create table ${t('reservations')} (
      reservation_id text primary key, sku text not null, channel text not null, quantity int not null,
      allocations jsonb not null, expires_at timestamptz not null, status text not null, updated_at timestamptz not null)`);
    await tx.query(
      `create index on ${t('reservations')} (expires_at) where status = 'open'`.replace(
        'create index',
        `create index`,
      ),
    );
  },
  handle: async (events, tx, t) => {
    const stock = events.filter(isStockEvent) as unknown as (EventEnvelope & StockItemEvent)[];
    if (stock.length === 0) return;
    const { levels, versions, reservations } = stockDeltas(stock);
    await tx.query(
      `insert into ${t('levels')} as l (sku, location_id, on_hand, reserved)
         select x.sku, x.location_id, x.on_hand, x.reserved
           from jsonb_to_recordset($1::text::jsonb) as x(sku text, location_id text, on_hand bigint, reserved bigint)
       on conflict (sku, location_id) do update
         set on_hand = l.on_hand + excluded.on_hand, reserved = l.reserved + excluded.reserved`,
      [JSON.stringify(levels)],
    );
    const safety = levels.filter((l) => l.safety !== null);
    if (safety.length > 0)
      await tx.query(
        `update ${t('levels')} l set safety = x.safety
           from jsonb_to_recordset($1::text::jsonb) as x(sku text, location_id text, safety bigint)
          where l.sku = x.sku and l.location_id = x.location_id`,
        [JSON.stringify(safety)],
      );
    await tx.query(
      `insert into ${t('skus')} as s (sku, version)
         select x.sku, x.version from jsonb_to_recordset($1::text::jsonb) as x(sku text, version bigint)
       on conflict (sku) do update set version = greatest(s.version, excluded.version)`,
      [JSON.stringify(versions)],
    );
    if (reservations.length > 0)
      await tx.query(
        `insert into ${t('reservations')} as r (reservation_id, sku, channel, quantity, allocations, expires_at, status, updated_at)
           select x.reservation_id, x.sku, coalesce(x.channel, ''), coalesce(x.quantity, 0), coalesce(x.allocations, '[]'),
                  coalesce(x.expires_at, x.updated_at), x.status, x.updated_at
             from jsonb_to_recordset($1::text::jsonb) as x(reservation_id text, sku text, channel text, quantity int,
                  allocations jsonb, expires_at timestamptz, status text, updated_at timestamptz)
         on conflict (reservation_id) do update set status = excluded.status, updated_at = excluded.updated_at,
           quantity = case when excluded.status = 'open' then excluded.quantity else r.quantity end,
           allocations = case when excluded.status = 'open' then excluded.allocations else r.allocations end`,
        [JSON.stringify(reservations)],
      );
  },
};
