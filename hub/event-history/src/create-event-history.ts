import { systemClock, type Clock } from '@omnistream/kernel';
import type { Database } from '@omnistream/event-store';
import type { IncomingMessage } from '@omnistream/messaging';
import { causalOrder } from './causal-order.js';
import type { EventHop } from './event-hop.js';
import { EVENT_COLUMNS, toHistoryEvent, type EventRow, type HistoryEventWithHops } from './history-event.js';
import { indexRowOf } from './index-row.js';
import { loadHops } from './load-hops.js';
import { searchEvents, type EventPage, type EventSearch } from './search-events.js';
import { storableText } from './storable-text.js';

export interface Journey {
  readonly correlationId: string;
  /** In causal order (see causalOrder); empty when no event carries the correlation id. */
  readonly events: readonly HistoryEventWithHops[];
  /** True when the correlation id has more events than a journey returns (JOURNEY_LIMIT, the earliest kept). */
  readonly truncated: boolean;
}

export interface EventHistory {
  /** Indexes messages as consumed from the bus, with the hop that published each; indexing twice is a no-op. */
  index(messages: readonly IncomingMessage[]): Promise<void>;
  /** Records hops reported by consumers and connectors; recording one twice is a no-op. */
  recordHops(hops: readonly EventHop[]): Promise<void>;
  get(id: string): Promise<HistoryEventWithHops | undefined>;
  search(query: EventSearch): Promise<EventPage>;
  journey(correlationId: string): Promise<Journey>;
  /** Deletes up to `limit` events that occurred before `cutoff`, with their hops; how many went. */
  purgeBefore(cutoff: Date, limit?: number): Promise<number>;
}

export interface EventHistoryOptions {
  readonly db: Database;
  /** Stamps `indexed_at`, and stands in for a message time that is not a valid date. */
  readonly clock?: Clock;
}

export const JOURNEY_LIMIT = 10_000;

// One statement per batch: the rows travel as one JSON parameter (no parameter limit, one round trip), the event
// and its publishing hop are inserted together, and rows go in id order so that two batches racing over the same
// ids lock them in the same order.
const INDEX_SQL = `
with r as (
  select * from jsonb_to_recordset($1::text::jsonb) as r(
    i text, t text, p int, o text, k text, y text, at text, c text, u text, h jsonb, j text, n int, s int,
    hop text, cm text)
), events as (
  insert into omnistream.hub_events (id, topic, partition, "offset", key, type, occurred_at, correlation_id,
                                     causation_id, headers, payload, payload_size, schema_id, indexed_at)
  select i, t, p, o::bigint, k, y, at::timestamptz, c, u, h, j::jsonb, n, s, $2::text::timestamptz from r order by i
  on conflict (id) do nothing
)
insert into omnistream.hub_event_hops (event_id, hop, component, outcome, at)
select i, hop, cm, 'published', at::timestamptz from r order by i
on conflict do nothing`;

const RECORD_HOPS_SQL = `
insert into omnistream.hub_event_hops (event_id, hop, component, outcome, attempt, error, at)
select e, hop, c, o, a, err, at::timestamptz
  from jsonb_to_recordset($1::text::jsonb) as r(e text, hop text, c text, o text, a int, err text, at text)
 order by e
on conflict do nothing`;

/**
 * The hub's event history over PostgreSQL or PGlite (migration `eventHistorySchema`): an index of events and the
 * hops they took, searchable and followable by correlation id.
 */
export const createEventHistory = ({ db, clock = systemClock }: EventHistoryOptions): EventHistory => ({
  index: async (messages) => {
    if (messages.length === 0) return;
    const now = clock.now();
    const rows = messages.map((message) => indexRowOf(message, now));
    await db.query(INDEX_SQL, [JSON.stringify(rows), now.toISOString()]);
  },

  recordHops: async (hops) => {
    if (hops.length === 0) return;
    const rows = hops.map((hop) => ({
      e: storableText(hop.eventId),
      hop: hop.hop,
      c: storableText(hop.component),
      o: hop.outcome,
      a: hop.attempt ?? null,
      err: hop.error === undefined ? null : storableText(hop.error),
      at: hop.at.toISOString(),
    }));
    await db.query(RECORD_HOPS_SQL, [JSON.stringify(rows)]);
  },

  get: async (id) => {
    const [row] = await db.query<EventRow>(
      `select ${EVENT_COLUMNS} from omnistream.hub_events e where e.id = $1`,
      [id],
    );
    if (row === undefined) return undefined;
    const hops = await loadHops(db, [row.id]);
    return { ...toHistoryEvent(row), hops: hops.get(row.id) ?? [] };
  },

  search: (query) => searchEvents(db, query),

  purgeBefore: async (cutoff, limit = 10_000) => {
    const [row] = await db.query<{ n: number }>(
      `with doomed as (
         select id from omnistream.hub_events where occurred_at < $1::timestamptz order by occurred_at limit $2
       ), hops as (
         delete from omnistream.hub_event_hops h using doomed d where h.event_id = d.id
       ), gone as (
         delete from omnistream.hub_events e using doomed d where e.id = d.id returning 1
       )
       select count(*)::int as n from gone`,
      [cutoff.toISOString(), limit],
    );
    return Number(row?.n ?? 0);
  },

  journey: async (correlationId) => {
    const rows = await db.query<EventRow>(
      `select ${EVENT_COLUMNS} from omnistream.hub_events e
        where e.correlation_id = $1
        order by e.occurred_at, e.id
        limit $2`,
      [correlationId, JOURNEY_LIMIT + 1],
    );
    const kept = rows.slice(0, JOURNEY_LIMIT);
    const hops = await loadHops(
      db,
      kept.map((row) => row.id),
    );
    const events = kept.map((row) => ({ ...toHistoryEvent(row), hops: hops.get(row.id) ?? [] }));
    return { correlationId, events: causalOrder(events), truncated: rows.length > JOURNEY_LIMIT };
  },
});
