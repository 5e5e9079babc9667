import type { Migration } from '@omnistream/event-store';

/**
 * Tables of the in-process bus (a durable log in the platform database), of consumers (inbox, dead letters) and of
 * their audit trail. Consumers on Kafka use the inbox and dead letter tables too; the bus tables stay empty there.
 *
 * Offsets are dense per partition and assigned under the partition's row lock (`bus_partitions.next_offset`), so
 * within a partition commit order is offset order: a reader that sees offset n has seen every offset below it, and
 * never skips a slow commit. That gives the feed's guarantee without its xid8 horizon, and Kafka's offset shape.
 */
const messagingSchema: Migration = {
  id: '0005-messaging',
  sql: `
create table omnistream.bus_topics (
  name text primary key,
  partitions int not null check (partitions > 0),
  replication_factor int not null default 1,
  retention_ms bigint,
  config jsonb not null default '{}',
  created_at timestamptz not null default now()
);

create table omnistream.bus_partitions (
  topic text not null references omnistream.bus_topics (name),
  partition int not null,
  next_offset bigint not null default 0,
  primary key (topic, partition)
);

create table omnistream.bus_messages (
  topic text not null,
  partition int not null,
  "offset" bigint not null,
  key text not null,
  value bytea not null,
  headers jsonb not null,
  published_at timestamptz not null default now(),
  primary key (topic, partition, "offset")
);

create table omnistream.bus_offsets (
  group_name text not null,
  topic text not null,
  partition int not null,
  next_offset bigint not null,
  updated_at timestamptz not null default now(),
  primary key (group_name, topic, partition)
);

create table omnistream.inbox (
  group_name text not null,
  message_id text not null,
  topic text not null,
  partition int not null,
  "offset" text not null,
  handled_at timestamptz not null default now(),
  primary key (group_name, message_id)
);

create table omnistream.dead_letters (
  id bigserial primary key,
  group_name text not null,
  message_id text not null,
  topic text not null,
  partition int not null,
  "offset" text not null,
  key text not null,
  headers jsonb not null,
  value bytea not null,
  message_timestamp timestamptz not null,
  status text not null check (status in ('parked', 'waiting', 'redrive_requested', 'redriven', 'discarded')),
  error_message text,
  error_stack text,
  attempts int not null default 0,
  first_failed_at timestamptz,
  last_failed_at timestamptz,
  created_at timestamptz not null default now(),
  resolved_at timestamptz,
  constraint dead_letters_message_key unique (group_name, message_id)
);

-- The open rows of one key, oldest first: the head blocks the key, the rest wait behind it.
create index dead_letters_open_idx on omnistream.dead_letters (group_name, topic, key, id)
  where status in ('parked', 'waiting', 'redrive_requested');

create index dead_letters_status_idx on omnistream.dead_letters (status, id);

create table omnistream.dead_letter_audit (
  id bigserial primary key,
  dead_letter_id bigint not null references omnistream.dead_letters (id),
  action text not null,
  actor text not null,
  reason text,
  at timestamptz not null default now()
);

create index dead_letter_audit_letter_idx on omnistream.dead_letter_audit (dead_letter_id, id);
`,
};

/** Kafka's null key: records produced through the REST proxy without a key (the bus port's `key: null`). */
const nullableKeys: Migration = {
  id: '0005-messaging-null-keys',
  sql: `
alter table omnistream.bus_messages alter column key drop not null;
-- A keyless dead letter blocks nothing: only messages of its key wait behind a dead letter.
alter table omnistream.dead_letters alter column key drop not null;`,
};

/** Every migration of the messaging tables, in order. */
export const messagingMigrations: readonly Migration[] = [messagingSchema, nullableKeys];
