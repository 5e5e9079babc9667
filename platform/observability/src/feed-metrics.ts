import { Gauge, type Registry } from 'prom-client';
/**
 * What the feed gauges need of the database: its kind and a way to ask it. The event store's `Database` fits;
 * declared here so observability does not depend on the event store.
 */
export interface FeedMetricsSource {
  readonly kind: 'pglite' | 'postgres';
  query<Row extends object = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
  ): Promise<Row[]>;
}

/**
 * The feed only delivers events of transactions below the oldest one still running (DESIGN.md "Global feed"), so
 * one long transaction that has written holds every subscriber back. pg_stat_activity spans the whole cluster,
 * like the snapshot's xmin does. A role without pg_read_all_stats sees other roles' sessions without xact_start
 * and so under-reports.
 */
const OLDEST_OPEN_TRANSACTION_SQL = `select coalesce(extract(epoch from now() - min(xact_start)), 0)::float8 as seconds
  from pg_stat_activity where backend_xid is not null`;

/**
 * Committed events the feed cannot deliver yet because an older transaction is still open. The feed index on
 * (transaction_id, global_position) makes this a short range scan; the cap keeps a scrape cheap when the backlog
 * is huge, where the exact number no longer matters.
 */
export const HELD_BACK_CAP = 100_000;
const HELD_BACK_EVENTS_SQL = `select count(*)::int as events from (
  select 1 from omnistream.events
   where transaction_id >= (select pg_snapshot_xmin(pg_current_snapshot()))
   limit ${HELD_BACK_CAP}) held`;

/**
 * Registers the feed's gauges, computed on each scrape. PGlite has one connection, so no other transaction can be
 * open while a scrape runs: both gauges are 0 there without asking (asking would only queue behind the work).
 * A failed query reports NaN rather than failing the whole scrape.
 */
export const registerFeedMetrics = (registry: Registry, source: FeedMetricsSource): void => {
  const ask = async (sql: string, column: string): Promise<number> => {
    if (source.kind === 'pglite') return 0;
    try {
      const [row] = await source.query<Record<string, unknown>>(sql);
      return Number(row?.[column] ?? 0);
    } catch {
      return Number.NaN;
    }
  };
  new Gauge({
    name: 'omnistream_feed_oldest_open_transaction_seconds',
    help: 'Age in seconds of the oldest open PostgreSQL transaction that has a transaction id; it holds the event feed back.',
    registers: [registry],
    async collect() {
      this.set(await ask(OLDEST_OPEN_TRANSACTION_SQL, 'seconds'));
    },
  });
  new Gauge({
    name: 'omnistream_feed_held_back_events',
    help: `Committed events the feed cannot deliver yet because an older transaction is still open (capped at ${HELD_BACK_CAP}).`,
    registers: [registry],
    async collect() {
      this.set(await ask(HELD_BACK_EVENTS_SQL, 'events'));
    },
  });
};
