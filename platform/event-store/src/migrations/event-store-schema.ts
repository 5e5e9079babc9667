import type { Migration } from './run-migrations.js';

/**
 * The event store's tables and its append function. The append function is the only writer of `events`; every
 * expected-version mode is enforced here, in SQL, under per-stream locks.
 *
 * Ordering (DESIGN.md "The ordering pitfall"): a transaction's id is fixed at its first write. The function
 * therefore refuses to run in a transaction that has already written, and takes every stream's lock — a
 * transaction-scoped advisory lock, which assigns no transaction id — in one sorted order before its first
 * write. A writer that waited for a stream's lock thus gets a larger transaction id than the writer it waited for,
 * and the feed, ordered by (transaction id, position), keeps every stream in version order. The lock is the
 * stream's only lock: there is no streams table, a stream's head is its last event.
 */
export const eventStoreSchema: Migration = {
  id: '0001-event-store',
  sql: `
create table omnistream.events (
  transaction_id xid8 not null default pg_current_xact_id(),
  global_position bigserial not null,
  event_id uuid not null,
  stream_id text not null,
  version bigint not null,
  type text not null,
  data jsonb not null,
  metadata jsonb not null,
  recorded_at timestamptz not null default now(),
  -- On the first event of an append: feed coordinates of the stream's previous event (null for version 1).
  -- Readers check that it sorts before this event, proving per-stream order on the feed without a join.
  prev_transaction_id xid8,
  prev_position bigint,
  -- The feed's order is the primary key: readers page through it by (transaction id, position).
  constraint events_pkey primary key (transaction_id, global_position),
  constraint events_event_id_key unique (event_id),
  constraint events_stream_version_key unique (stream_id, version)
);

create table omnistream.subscriptions (
  name text primary key,
  transaction_id xid8 not null default '0',
  global_position bigint not null default 0,
  updated_at timestamptz not null default now()
);

create table omnistream.snapshots (
  stream_id text primary key,
  version bigint not null,
  snapshot_version int not null,
  state jsonb not null,
  updated_at timestamptz not null default now()
);

create function omnistream.append_batch(p_appends jsonb, p_check_ids boolean)
returns table (idx int, outcome text, stream_version bigint, positions bigint[], transaction_id text)
language plpgsql as $$
declare
  v_key int;
  v_count_appends int := jsonb_array_length(p_appends);
  v_append jsonb;
  v_stream text;
  v_expected text;
  v_events jsonb;
  v_count int;
  v_current bigint;
  v_last_xid xid8;
  v_last_pos bigint;
  v_known int;
  v_same int;
  v_positions bigint[];
  v_conflict boolean;
begin
  if pg_current_xact_id_if_assigned() is not null then
    raise exception 'APPEND_NOT_FIRST_WRITE: appends must be the first write of their transaction'
      using errcode = 'OS001';
  end if;
  if v_count_appends = 1 then
    perform pg_advisory_xact_lock(1869, hashtext(p_appends->0->>'s'));
  else
    for v_key in select distinct hashtext(a->>'s') from jsonb_array_elements(p_appends) a order by 1 loop
      perform pg_advisory_xact_lock(1869, v_key);
    end loop;
  end if;

  for i in 0 .. v_count_appends - 1 loop
    idx := i;
    v_append := p_appends->i;
    v_stream := v_append->>'s';
    v_expected := v_append->>'e';
    v_events := v_append->'ev';
    v_count := jsonb_array_length(v_events);
    transaction_id := null;
    positions := null;
    -- The stream's head, read under its lock: no streams table to keep in step, one index probe.
    select e.version, e.transaction_id, e.global_position into v_current, v_last_xid, v_last_pos
      from omnistream.events e where e.stream_id = v_stream order by e.version desc limit 1;
    v_current := coalesce(v_current, 0);

    v_conflict := not (
      v_expected = 'any'
      or (v_expected = 'no_stream' and v_current = 0)
      or (v_expected = 'stream_exists' and v_current > 0)
      or (v_expected ~ '^[0-9]+$' and v_current = v_expected::bigint)
    );

    -- An id already stored means a retry of a committed append (or a mistake). Looked up on request or when the
    -- version does not fit (a retry's expected version is stale by its own append); otherwise the unique
    -- constraint catches it, and the caller retries with the check on.
    if (p_check_ids or v_conflict) and exists (select 1 from omnistream.events e where e.event_id = (v_events->0->>'id')::uuid) then
      select count(*)::int, count(*) filter (where e.stream_id = v_stream)::int,
             array_agg(e.global_position order by e.version)
        into v_known, v_same, v_positions
        from omnistream.events e
        where e.event_id in (select (x->>'id')::uuid from jsonb_array_elements(v_events) x);
      outcome := case when v_known = v_count and v_same = v_count then 'duplicate' else 'id_conflict' end;
      stream_version := v_current;
      positions := case when outcome = 'duplicate' then v_positions end;
      return next;
      continue;
    end if;

    if v_conflict then
      if v_expected not in ('any', 'no_stream', 'stream_exists') and v_expected !~ '^[0-9]+$' then
        raise exception 'INVALID_EXPECTED_VERSION: %', v_expected using errcode = 'OS002';
      end if;
      outcome := 'conflict'; stream_version := v_current;
      return next;
      continue;
    end if;

    if v_count = 1 then
      -- The common case, without the set machinery below (a third cheaper on PGlite).
      insert into omnistream.events
        (event_id, stream_id, version, type, data, metadata, prev_transaction_id, prev_position)
      values ((v_events->0->>'id')::uuid, v_stream, v_current + 1, v_events->0->>'type', v_events->0->'data',
              v_events->0->'metadata', v_last_xid, v_last_pos)
      returning array[global_position] into v_positions;
    else
      -- Positions are drawn in version order within this one statement. The first event records the stream's
      -- previous head as its predecessor: that is the cross-transaction order readers verify. The others follow
      -- their predecessor within this same transaction and statement, so their order on the feed is by position.
      with inserted as (
        insert into omnistream.events
          (event_id, stream_id, version, type, data, metadata, prev_transaction_id, prev_position)
        select (x->>'id')::uuid, v_stream, v_current + o, x->>'type', x->'data', x->'metadata',
               case when o = 1 then v_last_xid end, case when o = 1 then v_last_pos end
          from jsonb_array_elements(v_events) with ordinality as t(x, o)
          order by o
        returning global_position
      )
      select array_agg(global_position order by global_position) into v_positions from inserted;
    end if;

    outcome := 'ok'; stream_version := v_current + v_count; positions := v_positions;
    transaction_id := pg_current_xact_id()::text;
    return next;
  end loop;
end
$$;
`,
};
