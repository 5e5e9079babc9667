import type { Sql } from '@omnistream/event-store';
import type { DedupOutcome } from './dedup-outcome.js';

export interface KeyToClaim {
  readonly key: string;
  readonly fingerprint: string;
}

export interface ClaimTimes {
  /** The claimer's now: new rows are created at it, and a row whose `expires_at` has passed it is free again. */
  readonly now: Date;
  readonly expiresAt: Date;
  /** A pending row created at or before this has outlived the pending timeout: its attempt is presumed dead. */
  readonly staleBefore: Date;
}

interface ClaimRow {
  readonly key: string;
  readonly won: boolean;
  readonly fingerprint: string | null;
  readonly state: 'pending' | 'done' | null;
  readonly answer: string | null;
  readonly live: boolean | null;
}

/**
 * Takes every key that is new, expired, or held by a stale pending attempt, and reports what held the others, in
 * one statement. The insert decides atomically per key, so of any number of racing claims exactly one wins; keys
 * are inserted in sorted order so two overlapping batches lock them in the same order and cannot deadlock.
 *
 * `before` reads the statement's snapshot, which may predate a racing claim: a key this statement lost but whose
 * snapshot row was absent, expired or stale was taken by that racer after the snapshot, so it is in progress.
 */
const CLAIM_SQL = `
with input as (
  select key, fingerprint from unnest($2::text[], $3::text[]) as i(key, fingerprint)
),
before as (
  select d.key, d.fingerprint, d.state, d.answer::text as answer,
         d.expires_at > $4::timestamptz and not (d.state = 'pending' and d.created_at <= $6::timestamptz) as live
    from omnistream.hub_dedup d
    join input using (key)
   where d.scope = $1
),
won as (
  insert into omnistream.hub_dedup as d (scope, key, fingerprint, state, answer, created_at, expires_at)
  select $1, key, fingerprint, 'pending', null, $4::timestamptz, $5::timestamptz from input order by key
  on conflict (scope, key) do update
    set fingerprint = excluded.fingerprint, state = 'pending', answer = null,
        created_at = excluded.created_at, expires_at = excluded.expires_at
    where d.expires_at <= excluded.created_at
       or (d.state = 'pending' and d.created_at <= $6::timestamptz)
  returning d.key
)
select i.key, w.key is not null as won, b.fingerprint, b.state, b.answer, b.live
  from input i
  left join won w using (key)
  left join before b using (key)`;

const outcomeOf = (row: ClaimRow | undefined, fingerprint: string): DedupOutcome => {
  // Every input key yields a row; a missing one is treated as held, the answer that can never publish twice.
  if (row === undefined) return { kind: 'in_progress' };
  if (row.won) return { kind: 'first' };
  if (row.state === null || row.live !== true) return { kind: 'in_progress' };
  if (row.fingerprint !== fingerprint) return { kind: 'reused' };
  if (row.state === 'pending') return { kind: 'in_progress' };
  return { kind: 'duplicate', answer: row.answer === null ? null : (JSON.parse(row.answer) as unknown) };
};

/**
 * Claims `keys` (distinct) under `scope` in one round trip; returns one outcome per key, in order. Never throws
 * for a key that cannot be claimed: the caller decides how to report each one.
 */
export const claimKeys = async (
  db: Sql,
  scope: string,
  keys: readonly KeyToClaim[],
  times: ClaimTimes,
): Promise<DedupOutcome[]> => {
  if (keys.length === 0) return [];
  const rows = await db.query<ClaimRow>(CLAIM_SQL, [
    scope,
    keys.map((k) => k.key),
    keys.map((k) => k.fingerprint),
    times.now.toISOString(),
    times.expiresAt.toISOString(),
    times.staleBefore.toISOString(),
  ]);
  const byKey = new Map(rows.map((row) => [row.key, row]));
  return keys.map((k) => outcomeOf(byKey.get(k.key), k.fingerprint));
};
