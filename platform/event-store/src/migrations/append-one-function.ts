import type { Migration } from './run-migrations.js';

/**
 * The append function for the commonest write: one event to one stream. It does what `append_batch` does for a
 * batch of one append of one event (same lock, same checks, same outcomes), but takes the event as typed
 * parameters and answers in one text value, so the database parses no batch document and builds no result set:
 * on PGlite, where each of those costs as much as the insert itself, an append costs about a sixth less.
 *
 * The answer is space-separated: `ok <version> <position> <transaction id> <recorded at>`, `duplicate <version>
 * <position of the stored event>`, `conflict <version>` or `id_conflict <version>`, where version is the stream's
 * version after the call and recorded at is written as JavaScript's toISOString() writes it.
 */
export const appendOneFunction: Migration = {
  id: '0001-event-store-append-one',
  sql: `
create function omnistream.append_one(
  p_stream text, p_expected text, p_id uuid, p_type text, p_data jsonb, p_metadata jsonb, p_check_ids boolean)
returns text
language plpgsql as $$
declare
  v_current bigint;
  v_last_xid xid8;
  v_last_pos bigint;
  v_stored_stream text;
  v_position bigint;
  v_conflict boolean;
begin
  if pg_current_xact_id_if_assigned() is not null then
    raise exception 'APPEND_NOT_FIRST_WRITE: appends must be the first write of their transaction'
      using errcode = 'OS001';
  end if;
  perform pg_advisory_xact_lock(1869, hashtext(p_stream));
  if not p_check_ids and p_expected in ('no_stream', '0') then
    -- A new stream: version 1 has no predecessor, so there is no head to read. If the stream exists after all, the
    -- unique key (stream, version) refuses the insert, and the store asks again with p_check_ids, which reads the
    -- head and answers conflict or duplicate. Only the store's own transactions ask without p_check_ids.
    insert into omnistream.events (event_id, stream_id, version, type, data, metadata)
    values (p_id, p_stream, 1, p_type, p_data, p_metadata)
    returning global_position into v_position;
    return 'ok 1 ' || v_position || ' ' || pg_current_xact_id() || ' '
      || to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
  end if;
  select e.version, e.transaction_id, e.global_position into v_current, v_last_xid, v_last_pos
    from omnistream.events e where e.stream_id = p_stream order by e.version desc limit 1;
  v_current := coalesce(v_current, 0);
  v_conflict := not (
    p_expected = 'any'
    or (p_expected = 'no_stream' and v_current = 0)
    or (p_expected = 'stream_exists' and v_current > 0)
    or (p_expected ~ '^[0-9]+$' and v_current = p_expected::bigint)
  );

  -- As in append_batch: a stored id is looked up on request or when the version does not fit.
  if p_check_ids or v_conflict then
    select e.stream_id, e.global_position into v_stored_stream, v_position
      from omnistream.events e where e.event_id = p_id;
    if found then
      if v_stored_stream = p_stream then
        return 'duplicate ' || v_current || ' ' || v_position;
      end if;
      return 'id_conflict ' || v_current;
    end if;
  end if;

  if v_conflict then
    if p_expected not in ('any', 'no_stream', 'stream_exists') and p_expected !~ '^[0-9]+$' then
      raise exception 'INVALID_EXPECTED_VERSION: %', p_expected using errcode = 'OS002';
    end if;
    return 'conflict ' || v_current;
  end if;

  insert into omnistream.events
    (event_id, stream_id, version, type, data, metadata, prev_transaction_id, prev_position)
  values (p_id, p_stream, v_current + 1, p_type, p_data, p_metadata, v_last_xid, v_last_pos)
  returning global_position into v_position;
  return 'ok ' || v_current + 1 || ' ' || v_position || ' ' || pg_current_xact_id() || ' '
    || to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
end
$$;
`,
};
