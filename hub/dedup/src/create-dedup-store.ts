import { DomainError, systemClock, type Clock } from '@omnistream/kernel';
import type { Database } from '@omnistream/event-store';
import { claimKeys, type ClaimTimes, type KeyToClaim } from './claim-keys.js';
import type { DedupOutcome } from './dedup-outcome.js';

/** The outcome of `claim`: the two a caller acts on. Keys in progress or reused are thrown as DomainErrors. */
export type DedupClaim = Extract<DedupOutcome, { kind: 'first' } | { kind: 'duplicate' }>;

export interface DedupStore {
  /**
   * Claims `key` for a publish of the payload with `fingerprint`. `first`: publish, then `complete` (or `release`
   * if the publish failed). `duplicate`: publish nothing and return `answer`. Throws DEDUP_KEY_IN_PROGRESS while
   * another attempt holds the key, DEDUP_KEY_REUSED when the key was used for a different payload.
   */
  claim(scope: string, key: string, fingerprint: string): Promise<DedupClaim>;
  /** Stores the answer of the attempt holding `key`, replayed to duplicates until the window ends. */
  complete(scope: string, key: string, answer: unknown): Promise<void>;
  /** Forgets a pending claim whose publish failed, so a retry publishes afresh. */
  release(scope: string, key: string): Promise<void>;
  /**
   * Claims per-record keys of one batch in one round trip; one outcome per entry, in order, never thrown. A key
   * repeated within the batch is claimed by its first entry; the later ones are in progress (same payload) or
   * reused (another payload).
   */
  claimMany(scope: string, entries: readonly KeyToClaim[]): Promise<DedupOutcome[]>;
  completeMany(scope: string, entries: readonly { key: string; answer: unknown }[]): Promise<void>;
  releaseMany(scope: string, keys: readonly string[]): Promise<void>;
  /** Deletes rows whose window has ended; returns how many. */
  purgeExpired(): Promise<number>;
}

export interface DedupStoreOptions {
  readonly db: Database;
  /** How long after its first claim a key's answer is replayed, in milliseconds; 24 hours by default. */
  readonly windowMs?: number;
  /** How long a pending claim blocks retries before another attempt may take it over, in milliseconds; 60 s. */
  readonly pendingTimeoutMs?: number;
  readonly clock?: Clock;
}

const COMPLETE_SQL = `update omnistream.hub_dedup d
    set state = 'done', answer = a.answer::jsonb
   from unnest($2::text[], $3::text[]) as a(key, answer)
  where d.scope = $1 and d.key = a.key and d.state = 'pending'`;

const RELEASE_SQL = `delete from omnistream.hub_dedup
  where scope = $1 and key = any($2::text[]) and state = 'pending'`;

// JSON has no `undefined`: an answer without a value is stored as JSON null.
const jsonOf = (answer: unknown): string => JSON.stringify(answer) ?? 'null';

export const createDedupStore = ({
  db,
  windowMs = 24 * 60 * 60 * 1000,
  pendingTimeoutMs = 60 * 1000,
  clock = systemClock,
}: DedupStoreOptions): DedupStore => {
  const times = (): ClaimTimes => {
    const now = clock.now();
    return {
      now,
      expiresAt: new Date(now.getTime() + windowMs),
      staleBefore: new Date(now.getTime() - pendingTimeoutMs),
    };
  };

  const claimMany = async (scope: string, entries: readonly KeyToClaim[]): Promise<DedupOutcome[]> => {
    // One row per key: an insert cannot touch the same row twice, and the first entry speaks for its key.
    const firstOf = new Map<string, KeyToClaim>();
    for (const entry of entries) if (!firstOf.has(entry.key)) firstOf.set(entry.key, entry);
    const distinct = [...firstOf.values()];
    const outcomes = await claimKeys(db, scope, distinct, times());
    const byKey = new Map(distinct.map((entry, i) => [entry.key, outcomes[i]]));
    return entries.map((entry) => {
      const first = firstOf.get(entry.key);
      if (first === entry) return byKey.get(entry.key) ?? { kind: 'in_progress' };
      return first?.fingerprint === entry.fingerprint ? { kind: 'in_progress' } : { kind: 'reused' };
    });
  };

  const completeMany = async (scope: string, entries: readonly { key: string; answer: unknown }[]) => {
    if (entries.length === 0) return;
    await db.query(COMPLETE_SQL, [scope, entries.map((e) => e.key), entries.map((e) => jsonOf(e.answer))]);
  };

  const releaseMany = async (scope: string, keys: readonly string[]) => {
    if (keys.length === 0) return;
    await db.query(RELEASE_SQL, [scope, keys]);
  };

  return {
    claim: async (scope, key, fingerprint) => {
      const [outcome = { kind: 'in_progress' }] = await claimKeys(db, scope, [{ key, fingerprint }], times());
      switch (outcome.kind) {
        case 'first':
        case 'duplicate':
          return outcome;
        case 'in_progress':
          throw new DomainError(
            'DEDUP_KEY_IN_PROGRESS',
            'a publish with this idempotency key is still running; retry later',
            { scope, key },
          );
        case 'reused':
          throw new DomainError(
            'DEDUP_KEY_REUSED',
            'this idempotency key was already used for a different payload; use a new key',
            { scope, key },
          );
      }
    },
    complete: (scope, key, answer) => completeMany(scope, [{ key, answer }]),
    release: (scope, key) => releaseMany(scope, [key]),
    claimMany,
    completeMany,
    releaseMany,
    purgeExpired: async () => {
      const rows = await db.query(
        'delete from omnistream.hub_dedup where expires_at <= $1::timestamptz returning 1',
        [clock.now().toISOString()],
      );
      return rows.length;
    },
  };
};
