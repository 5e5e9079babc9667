import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, isDomainError } from '@omnistream/kernel';
import { platformMigrations } from '@omnistream/event-store';
import { testDatabases, type OpenedTestDatabase } from '@omnistream/testing';
import { createDedupStore, type DedupStore } from './create-dedup-store.js';
import { dedupSchema } from './dedup-schema.js';
import { fingerprintOf } from './fingerprint-of.js';

const HOUR = 60 * 60 * 1000;
const PENDING_TIMEOUT = 60_000;
const SCOPE = 'producer-1';
const A = fingerprintOf({ sku: 'A' });
const B = fingerprintOf({ sku: 'B' });

const errorCodeOf = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise;
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
  return 'no error';
};

describe.each(testDatabases())('dedup store on $name', (database) => {
  let opened: OpenedTestDatabase;
  let store: DedupStore;
  const clock = fixedClock('2026-01-01T00:00:00Z');

  beforeEach(async () => {
    clock.set('2026-01-01T00:00:00Z');
    opened = await database.open({ migrations: [...platformMigrations, dedupSchema] });
    store = createDedupStore({ db: opened.db, windowMs: HOUR, pendingTimeoutMs: PENDING_TIMEOUT, clock });
  });
  afterEach(async () => {
    await opened.close();
  });

  it('returns the stored answer to a duplicate of a completed claim', async () => {
    expect(await store.claim(SCOPE, 'k-1', A)).toEqual({ kind: 'first' });
    await store.complete(SCOPE, 'k-1', { offsets: [{ partition: 0, offset: '42' }] });
    expect(await store.claim(SCOPE, 'k-1', A)).toEqual({
      kind: 'duplicate',
      answer: { offsets: [{ partition: 0, offset: '42' }] },
    });
  });

  it('refuses a key reused for another payload with DEDUP_KEY_REUSED, pending or done', async () => {
    await store.claim(SCOPE, 'k-1', A);
    expect(await errorCodeOf(store.claim(SCOPE, 'k-1', B))).toBe('DEDUP_KEY_REUSED');
    await store.complete(SCOPE, 'k-1', 'ok');
    expect(await errorCodeOf(store.claim(SCOPE, 'k-1', B))).toBe('DEDUP_KEY_REUSED');
  });

  it('answers DEDUP_KEY_IN_PROGRESS while the first attempt has not finished', async () => {
    await store.claim(SCOPE, 'k-1', A);
    clock.advance(PENDING_TIMEOUT - 1);
    expect(await errorCodeOf(store.claim(SCOPE, 'k-1', A))).toBe('DEDUP_KEY_IN_PROGRESS');
  });

  it('keeps scopes apart', async () => {
    await store.claim(SCOPE, 'k-1', A);
    expect(await store.claim('producer-2', 'k-1', B)).toEqual({ kind: 'first' });
  });

  it('forgets a key once its window has ended', async () => {
    await store.claim(SCOPE, 'k-1', A);
    await store.complete(SCOPE, 'k-1', 'first answer');
    clock.advance(HOUR - 1);
    expect(await store.claim(SCOPE, 'k-1', A)).toEqual({ kind: 'duplicate', answer: 'first answer' });
    clock.advance(1);
    expect(await store.claim(SCOPE, 'k-1', B)).toEqual({ kind: 'first' });
    await store.complete(SCOPE, 'k-1', 'second answer');
    expect(await store.claim(SCOPE, 'k-1', B)).toEqual({ kind: 'duplicate', answer: 'second answer' });
  });

  it('lets a new attempt take over a pending claim older than the pending timeout', async () => {
    await store.claim(SCOPE, 'k-1', A);
    clock.advance(PENDING_TIMEOUT);
    expect(await store.claim(SCOPE, 'k-1', A)).toEqual({ kind: 'first' });
    expect(await errorCodeOf(store.claim(SCOPE, 'k-1', A))).toBe('DEDUP_KEY_IN_PROGRESS');
  });

  it('lets a retry claim a key whose publish failed and was released', async () => {
    await store.claim(SCOPE, 'k-1', A);
    await store.release(SCOPE, 'k-1');
    expect(await store.claim(SCOPE, 'k-1', A)).toEqual({ kind: 'first' });
  });

  it('never releases a completed key', async () => {
    await store.claim(SCOPE, 'k-1', A);
    await store.complete(SCOPE, 'k-1', 'done');
    await store.release(SCOPE, 'k-1');
    expect(await store.claim(SCOPE, 'k-1', A)).toEqual({ kind: 'duplicate', answer: 'done' });
  });

  it('stores answers of any JSON shape, including null and an absent one', async () => {
    await store.claimMany(SCOPE, [
      { key: 'null', fingerprint: A },
      { key: 'none', fingerprint: A },
      { key: 'list', fingerprint: A },
    ]);
    await store.completeMany(SCOPE, [
      { key: 'null', answer: null },
      { key: 'none', answer: undefined },
      { key: 'list', answer: [1, 'two', { three: true }] },
    ]);
    expect(
      await store.claimMany(SCOPE, [
        { key: 'null', fingerprint: A },
        { key: 'none', fingerprint: A },
        { key: 'list', fingerprint: A },
      ]),
    ).toEqual([
      { kind: 'duplicate', answer: null },
      { kind: 'duplicate', answer: null },
      { kind: 'duplicate', answer: [1, 'two', { three: true }] },
    ]);
  });

  it('reports every outcome of a batch in order, in one call, without throwing', async () => {
    await store.claimMany(SCOPE, [
      { key: 'done', fingerprint: A },
      { key: 'pending', fingerprint: A },
      { key: 'reused', fingerprint: A },
      { key: 'stale', fingerprint: A },
    ]);
    await store.completeMany(SCOPE, [
      { key: 'done', answer: { offset: '7' } },
      { key: 'reused', answer: { offset: '8' } },
    ]);
    clock.advance(PENDING_TIMEOUT);
    await store.claim(SCOPE, 'pending', A); // taken over, so young again
    const outcomes = await store.claimMany(SCOPE, [
      { key: 'new, with "quotes"', fingerprint: A },
      { key: 'done', fingerprint: A },
      { key: 'pending', fingerprint: A },
      { key: 'reused', fingerprint: B },
      { key: 'stale', fingerprint: B },
      { key: 'new, with "quotes"', fingerprint: A },
      { key: 'new, with "quotes"', fingerprint: B },
    ]);
    expect(outcomes).toEqual([
      { kind: 'first' },
      { kind: 'duplicate', answer: { offset: '7' } },
      { kind: 'in_progress' },
      { kind: 'reused' },
      { kind: 'first' },
      { kind: 'in_progress' },
      { kind: 'reused' },
    ]);
  });

  it('completes and releases batches of keys', async () => {
    await store.claimMany(SCOPE, [
      { key: 'a', fingerprint: A },
      { key: 'b', fingerprint: A },
      { key: 'c', fingerprint: A },
    ]);
    await store.completeMany(SCOPE, [{ key: 'a', answer: 1 }]);
    await store.releaseMany(SCOPE, ['b', 'c']);
    expect(
      await store.claimMany(SCOPE, [
        { key: 'a', fingerprint: A },
        { key: 'b', fingerprint: B },
        { key: 'c', fingerprint: A },
      ]),
    ).toEqual([{ kind: 'duplicate', answer: 1 }, { kind: 'first' }, { kind: 'first' }]);
    expect(await store.claimMany(SCOPE, [])).toEqual([]);
  });

  it('purges only rows whose window has ended', async () => {
    await store.claim(SCOPE, 'old', A);
    await store.complete(SCOPE, 'old', 'x');
    await store.claim(SCOPE, 'old-pending', A);
    clock.advance(HOUR / 2);
    await store.claim(SCOPE, 'young', A);
    expect(await store.purgeExpired()).toBe(0);
    clock.advance(HOUR / 2);
    expect(await store.purgeExpired()).toBe(2);
    const left = await opened.db.query<{ key: string }>('select key from omnistream.hub_dedup order by key');
    expect(left).toEqual([{ key: 'young' }]);
  });
});

describe.each(testDatabases())('dedup store under racing claims on $name', (database) => {
  it('gives exactly one of 20 concurrent claims of a key the first attempt', async () => {
    // Ten connections on PostgreSQL, so the claims really race; PGlite runs them one after another.
    const opened = await database.open({
      migrations: [...platformMigrations, dedupSchema],
      maxConnections: 10,
    });
    try {
      const store = createDedupStore({ db: opened.db });
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, () => store.claim(SCOPE, 'race', A)),
      );
      const firsts = results.filter((r) => r.status === 'fulfilled' && r.value.kind === 'first');
      expect(firsts).toHaveLength(1);
      for (const r of results)
        if (r.status === 'rejected') expect(isDomainError(r.reason, 'DEDUP_KEY_IN_PROGRESS')).toBe(true);

      // The same race for a batch of keys: each key is won by exactly one of the batches.
      const keys = Array.from({ length: 5 }, (_, i) => ({ key: `batch-${i}`, fingerprint: A }));
      const batches = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.claimMany(SCOPE, i % 2 === 0 ? keys : [...keys].reverse()),
        ),
      );
      for (const key of keys) {
        const wins = batches.filter((outcomes, i) => {
          const at = i % 2 === 0 ? keys.indexOf(key) : keys.length - 1 - keys.indexOf(key);
          return outcomes[at]?.kind === 'first';
        });
        expect(wins).toHaveLength(1);
      }
      expect(batches.flat().every((o) => o.kind === 'first' || o.kind === 'in_progress')).toBe(true);
    } finally {
      await opened.close();
    }
  });
});
