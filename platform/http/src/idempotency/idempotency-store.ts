import { systemClock, uuidV7, type Clock } from '@omnistream/kernel';
import type { Sql } from '@omnistream/event-store';

/** A response as it was first sent, to be sent again for a retry. */
export interface StoredResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export type IdempotencyClaim =
  | { readonly outcome: 'claimed'; readonly attemptId: string }
  | { readonly outcome: 'replay'; readonly response: StoredResponse }
  | { readonly outcome: 'in_progress' }
  | { readonly outcome: 'mismatch' };

export interface IdempotencyKeyRef {
  /** The API principal, or '' for anonymous callers: two principals never share a key. */
  readonly scope: string;
  readonly key: string;
}

export interface IdempotencyStore {
  /** Claims the key for this request, or says why not: replay a finished first attempt, still running, or reused. */
  claim(ref: IdempotencyKeyRef, requestHash: string): Promise<IdempotencyClaim>;
  /** Stores the response of the attempt that claimed the key; a no-op if another attempt has taken it over. */
  complete(ref: IdempotencyKeyRef, attemptId: string, response: StoredResponse): Promise<void>;
  /** Forgets a claim whose attempt failed, so a retry runs afresh. */
  release(ref: IdempotencyKeyRef, attemptId: string): Promise<void>;
  /** Deletes expired keys; returns how many. */
  purgeExpired(): Promise<number>;
}

export interface IdempotencyStoreOptions {
  /** How long a finished response is replayed; clients must not retry later than this. */
  readonly keyTtlMs?: number;
  /** How long a claim blocks retries without completing before another attempt may take it over. */
  readonly inProgressTimeoutMs?: number;
  readonly clock?: Clock;
}

interface KeyRow {
  readonly request_hash: string;
  readonly state: 'in_progress' | 'completed';
  readonly response_status: number | null;
  readonly response_headers: Record<string, string> | string | null;
  readonly response_body: string | null;
}

/**
 * Takes the key when it is new, expired, or held by an attempt that outlived its lock; otherwise inserts nothing
 * and returns no row. One statement, so two racing first attempts cannot both win.
 */
const CLAIM_SQL = `insert into omnistream.idempotency_keys as k
    (scope, key, request_hash, attempt_id, state, created_at, locked_until, expires_at)
  values ($1, $2, $3, $7, 'in_progress', $4::timestamptz, $5::timestamptz, $6::timestamptz)
  on conflict (scope, key) do update
    set request_hash = excluded.request_hash, attempt_id = excluded.attempt_id, state = 'in_progress', response_status = null,
        response_headers = null, response_body = null, created_at = excluded.created_at,
        locked_until = excluded.locked_until, expires_at = excluded.expires_at
    where k.expires_at <= excluded.created_at
       or (k.state = 'in_progress' and k.locked_until <= excluded.created_at)
  returning 1 as claimed`;

export const createIdempotencyStore = (db: Sql, options: IdempotencyStoreOptions = {}): IdempotencyStore => {
  const keyTtlMs = options.keyTtlMs ?? 24 * 60 * 60 * 1000;
  const inProgressTimeoutMs = options.inProgressTimeoutMs ?? 60 * 1000;
  const clock = options.clock ?? systemClock;
  const at = (offsetMs: number) => new Date(clock.now().getTime() + offsetMs).toISOString();

  const claim = async (
    ref: IdempotencyKeyRef,
    requestHash: string,
    attemptsLeft: number,
  ): Promise<IdempotencyClaim> => {
    const attemptId = uuidV7(clock.now().getTime());
    const claimed = await db.query(CLAIM_SQL, [
      ref.scope,
      ref.key,
      requestHash,
      at(0),
      at(inProgressTimeoutMs),
      at(keyTtlMs),
      attemptId,
    ]);
    if (claimed.length > 0) return { outcome: 'claimed', attemptId };
    const [row] = await db.query<KeyRow>(
      `select request_hash, state, response_status, response_headers, response_body
         from omnistream.idempotency_keys where scope = $1 and key = $2`,
      [ref.scope, ref.key],
    );
    // Released between the two statements: the key is free again, so try to take it once more.
    if (row === undefined)
      return attemptsLeft > 0 ? claim(ref, requestHash, attemptsLeft - 1) : { outcome: 'in_progress' };
    if (row.request_hash !== requestHash) return { outcome: 'mismatch' };
    if (row.state === 'in_progress') return { outcome: 'in_progress' };
    const headers =
      typeof row.response_headers === 'string'
        ? (JSON.parse(row.response_headers) as Record<string, string>)
        : row.response_headers;
    return {
      outcome: 'replay',
      response: { status: row.response_status ?? 200, headers: headers ?? {}, body: row.response_body ?? '' },
    };
  };

  return {
    claim: (ref, requestHash) => claim(ref, requestHash, 3),
    complete: async (ref, attemptId, response) => {
      await db.query(
        `update omnistream.idempotency_keys
            set state = 'completed', response_status = $4, response_headers = $5::text::jsonb, response_body = $6
          where scope = $1 and key = $2 and attempt_id = $3 and state = 'in_progress'`,
        [ref.scope, ref.key, attemptId, response.status, JSON.stringify(response.headers), response.body],
      );
    },
    release: async (ref, attemptId) => {
      await db.query(
        `delete from omnistream.idempotency_keys where scope = $1 and key = $2 and attempt_id = $3 and state = 'in_progress'`,
        [ref.scope, ref.key, attemptId],
      );
    },
    purgeExpired: async () => {
      const rows = await db.query(
        'delete from omnistream.idempotency_keys where expires_at <= $1::timestamptz returning 1',
        [at(0)],
      );
      return rows.length;
    },
  };
};
