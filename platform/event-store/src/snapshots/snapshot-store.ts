import type { Sql } from '../database/database.js';

export interface StoredSnapshot {
  /** The stream version the state was folded up to. */
  readonly version: number;
  /** The policy's shape version when it was written (`SnapshotPolicy.version`). */
  readonly snapshotVersion: number;
  readonly state: unknown;
}

/** One snapshot per stream, the latest one. */
export interface SnapshotStore {
  read(streamId: string): Promise<StoredSnapshot | undefined>;
  /** Upserts; a slower writer of an older version changes nothing, so a snapshot never moves backwards. */
  write(streamId: string, snapshot: StoredSnapshot): Promise<void>;
}

// The state goes in as JSON text cast to jsonb: the postgres driver would encode a JS string param as a JSON
// string a second time, and PGlite's and postgres' object encodings differ; text is the same for both.
const UPSERT = `insert into omnistream.snapshots as s (stream_id, version, snapshot_version, state)
  values ($1, $2::bigint, $3::int, $4::text::jsonb)
  on conflict (stream_id) do update
    set version = excluded.version, snapshot_version = excluded.snapshot_version, state = excluded.state, updated_at = now()
    where s.version < excluded.version`;

/** Snapshots in `omnistream.snapshots`, through the same Sql port as the event store. */
export const createSnapshotStore = (sql: Sql): SnapshotStore => ({
  read: async (streamId) => {
    const rows = await sql.query<{ version: string; snapshot_version: number; state: unknown }>(
      'select version::text as version, snapshot_version, state from omnistream.snapshots where stream_id = $1',
      [streamId],
    );
    const row = rows[0];
    return row === undefined
      ? undefined
      : { version: Number(row.version), snapshotVersion: row.snapshot_version, state: row.state };
  },
  write: async (streamId, { version, snapshotVersion, state }) => {
    const json = JSON.stringify(state) as string | undefined;
    if (json === undefined) throw new TypeError(`the snapshot of ${streamId} is not a JSON value`);
    await sql.query(UPSERT, [streamId, String(version), snapshotVersion, json]);
  },
});
