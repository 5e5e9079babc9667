import type { Migration } from '@omnistream/event-store';

/**
 * The hub's event history: one row per event that crossed the hub or was published by the platform, and one row
 * per hop it took (published by the proxy, the relay or a connector; delivered, retried or dead-lettered at a
 * consumer). Hops carry no foreign key: a consumer may report a delivery before the indexer has seen the event.
 *
 * Every index is paid for on ingest, so there are only those a search or the journey needs. The ordered ones end
 * in (occurred_at, id), the search's order and cursor, so a filtered page is an index range scan, not a sort. Hops
 * are read by event id through their unique constraint, which leads with it.
 */
export const eventHistorySchema: Migration = {
  id: '0105-hub-event-history',
  sql: `
create table omnistream.hub_events (
  id text primary key,
  topic text not null,
  partition int,
  "offset" bigint,
  key text,
  type text,
  occurred_at timestamptz not null,
  correlation_id text,
  causation_id text,
  headers jsonb not null,
  payload jsonb,
  payload_size int not null,
  schema_id int,
  indexed_at timestamptz not null default now()
);

create index hub_events_topic_idx on omnistream.hub_events (topic, occurred_at, id);
create index hub_events_occurred_at_idx on omnistream.hub_events (occurred_at, id);
create index hub_events_key_idx on omnistream.hub_events (key, occurred_at, id) where key is not null;
create index hub_events_type_idx on omnistream.hub_events (type, occurred_at, id) where type is not null;
create index hub_events_correlation_idx on omnistream.hub_events (correlation_id, occurred_at, id)
  where correlation_id is not null;
create index hub_events_payload_idx on omnistream.hub_events using gin (payload jsonb_path_ops);

create table omnistream.hub_event_hops (
  id bigserial primary key,
  event_id text not null,
  hop text not null check (hop in ('proxy', 'relay', 'consumer', 'connector')),
  component text not null,
  outcome text not null check (outcome in ('published', 'delivered', 'retried', 'dead-lettered')),
  attempt int,
  error text,
  at timestamptz not null,
  -- Re-recording a hop is a no-op, also for hops without an attempt number.
  constraint hub_event_hops_once unique nulls not distinct (event_id, hop, component, outcome, attempt)
);
`,
};
