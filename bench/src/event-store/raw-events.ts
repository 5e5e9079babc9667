import type { NewEvent } from '@omnistream/kernel';
import { uuidV7 } from '@omnistream/kernel';
import type { Sql } from '@omnistream/event-store';

/**
 * The ceiling: a table shaped like the store's events (uuid id, text stream, bigint version, text type, jsonb data
 * and metadata) with the same two unique keys a stream read and a duplicate check need, written with plain
 * autocommit INSERTs and read with plain SELECTs, through the same driver as the store.
 */
export const RAW_EVENTS_DDL = `create table if not exists bench_raw_events (
  id uuid primary key,
  stream text not null,
  version bigint not null,
  type text not null,
  data jsonb not null,
  metadata jsonb not null,
  unique (stream, version)
)`;

const INSERT_ONE = `insert into bench_raw_events (id, stream, version, type, data, metadata)
  values ($1::uuid, $2, $3::bigint, $4, $5::text::jsonb, $6::text::jsonb)`;

const INSERT_MANY = `insert into bench_raw_events (id, stream, version, type, data, metadata)
  select x.id, x.stream, x.version, x.type, x.data, x.metadata
    from jsonb_to_recordset($1::text::jsonb) as x(id uuid, stream text, version bigint, type text, data jsonb, metadata jsonb)`;

const READ_STREAM = 'select * from bench_raw_events where stream = $1 order by version';

const READ_PAGE = 'select * from bench_raw_events where id > $1::uuid order by id limit $2';

export const RAW_FEED_START = '00000000-0000-0000-0000-000000000000';

export const createRawEvents = (sql: Sql) => ({
  insertOne: async (stream: string, version: number, event: NewEvent): Promise<void> => {
    await sql.query(INSERT_ONE, [
      uuidV7(),
      stream,
      String(version),
      event.type,
      JSON.stringify(event.data),
      JSON.stringify(event.metadata ?? {}),
    ]);
  },
  /** Many rows in one statement, hence one transaction. */
  insertMany: async (stream: string, events: readonly NewEvent[]): Promise<void> => {
    const rows = events.map(
      (event, index) =>
        `{"id":"${uuidV7()}","stream":${JSON.stringify(stream)},"version":${index + 1},"type":${JSON.stringify(event.type)},` +
        `"data":${JSON.stringify(event.data)},"metadata":${JSON.stringify(event.metadata ?? {})}}`,
    );
    await sql.query(INSERT_MANY, [`[${rows.join(',')}]`]);
  },
  readStream: (stream: string): Promise<Record<string, unknown>[]> => sql.query(READ_STREAM, [stream]),
  /** One keyset page after `afterId`, in id (UUIDv7, so insertion) order. */
  readPage: (afterId: string, limit: number): Promise<{ id: string }[]> =>
    sql.query<{ id: string }>(READ_PAGE, [afterId, limit]),
});

export type RawEvents = ReturnType<typeof createRawEvents>;
