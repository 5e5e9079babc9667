import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isDomainError } from '@omnistream/kernel';
import { testDatabases, type OpenedTestDatabase } from '@omnistream/testing';
import { createEventStore, type EventStore } from '../event-store.js';
import { createSnapshotStore } from '../snapshots/snapshot-store.js';
import { bankAccount, deposit, withdraw } from './bank-account.fixture.js';
import { createCommandHandler } from './create-command-handler.js';

describe.each(testDatabases())('the command handler on $name', (database) => {
  let opened: OpenedTestDatabase;
  let store: EventStore;

  beforeAll(async () => {
    opened = await database.open();
    store = createEventStore(opened.db);
  });
  afterAll(async () => {
    await store.close();
    await opened.close();
  });

  /** The store, with every readStream call's `from` and row count recorded. */
  const watchedStore = () => {
    const reads: { from: number | undefined; rows: number }[] = [];
    const readStream: EventStore['readStream'] = async (streamId, options) => {
      const events = await store.readStream(streamId, options);
      reads.push({ from: options?.from, rows: events.length });
      return events;
    };
    return { store: { ...store, readStream }, reads };
  };

  it('appends the decided events with the command metadata and returns the new state', async () => {
    const handle = createCommandHandler(store, bankAccount);
    await handle('account-happy', deposit(30));
    const result = await handle('account-happy', withdraw(12));

    expect(result.nextExpectedVersion).toBe(2);
    expect(result.state).toEqual({ balance: 18, movements: 2 });
    const stored = await store.readStream('account-happy');
    expect(stored.map((e) => [e.version, e.type, e.data])).toEqual([
      [1, 'MoneyDeposited', { amount: 30 }],
      [2, 'MoneyWithdrawn', { amount: 12 }],
    ]);
    expect(stored[1]).toMatchObject({
      id: result.events[0]?.id,
      metadata: { occurredAt: '2026-03-01T10:00:00.000Z', correlationId: 'corr-1', actor: 'user:ada' },
    });
  });

  it('writes nothing when the decider rejects the command', async () => {
    const handle = createCommandHandler(store, bankAccount);
    await handle('account-rejected', deposit(5));
    await expect(handle('account-rejected', withdraw(6))).rejects.toMatchObject({
      code: 'INSUFFICIENT_FUNDS',
    });
    expect(await store.streamVersion('account-rejected')).toBe(1);
  });

  it('lands 20 concurrent commands on one stream through conflict retries', async () => {
    const handle = createCommandHandler(store, bankAccount);
    const amounts = Array.from({ length: 20 }, (_, i) => i + 1);
    const results = await Promise.all(amounts.map((amount) => handle('account-busy', deposit(amount))));

    expect(results.map((r) => r.nextExpectedVersion).sort((a, b) => a - b)).toEqual(amounts);
    const final = await handle('account-busy', deposit(0));
    expect(final).toMatchObject({ nextExpectedVersion: 20, state: { balance: 210, movements: 20 } });
  });

  it("surfaces a stale expected version from the caller with the stream's actual version", async () => {
    const handle = createCommandHandler(store, bankAccount);
    await handle('account-ifmatch', deposit(5));
    await handle('account-ifmatch', deposit(5));

    const error: unknown = await handle('account-ifmatch', deposit(1), { expectedVersion: 1 }).catch(
      (e: unknown) => e,
    );
    expect(isDomainError(error, 'STREAM_VERSION_CONFLICT') && error.details).toMatchObject({
      expectedVersion: '1',
      actualVersion: 2,
    });
    expect(await handle('account-ifmatch', deposit(1), { expectedVersion: 2 })).toMatchObject({
      nextExpectedVersion: 3,
    });
  });

  it('surfaces a concurrent write that beats an explicit expected version instead of retrying it', async () => {
    const handle = createCommandHandler(store, bankAccount);
    await handle('account-race', deposit(5));
    const outcomes = await Promise.allSettled(
      Array.from({ length: 5 }, () => handle('account-race', deposit(1), { expectedVersion: 1 })),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes.filter((o) => o.status === 'rejected'))
      expect(outcome.reason).toMatchObject({
        code: 'STREAM_VERSION_CONFLICT',
        details: { actualVersion: 2 },
      });
    expect(await store.streamVersion('account-race')).toBe(2);
  });

  it('writes a snapshot every N events and loads only the events after it', async () => {
    const snapshots = createSnapshotStore(opened.db);
    const watched = watchedStore();
    const handle = createCommandHandler(watched.store, bankAccount, { snapshot: { every: 5, version: 1 } });
    for (let i = 0; i < 12; i += 1) await handle('account-long', deposit(1));
    expect(await snapshots.read('account-long')).toEqual({
      version: 10,
      snapshotVersion: 1,
      state: { balance: 10, movements: 10 },
    });

    watched.reads.length = 0;
    const result = await handle('account-long', deposit(1));
    expect(watched.reads).toEqual([{ from: 11, rows: 2 }]);
    expect(result.state).toEqual({ balance: 13, movements: 13 });
  });

  it('folds from the snapshot rather than from the events', async () => {
    const handle = createCommandHandler(store, bankAccount, { snapshot: { every: 5, version: 1 } });
    for (let i = 0; i < 5; i += 1) await handle('account-trusted', deposit(1));
    // A state the events could never produce shows which one the load used.
    await opened.db.query(
      `update omnistream.snapshots set state = '{"balance": 1000, "movements": 5}' where stream_id = 'account-trusted'`,
    );
    expect((await handle('account-trusted', deposit(1))).state).toEqual({ balance: 1001, movements: 6 });
  });

  it('ignores snapshots of another shape version and replaces them at the next multiple', async () => {
    const before = createCommandHandler(store, bankAccount, { snapshot: { every: 5, version: 1 } });
    for (let i = 0; i < 5; i += 1) await before('account-reshaped', deposit(1));
    await opened.db.query(
      `update omnistream.snapshots set state = '{"balance": 1000, "movements": 5}' where stream_id = 'account-reshaped'`,
    );

    const watched = watchedStore();
    const after = createCommandHandler(watched.store, bankAccount, { snapshot: { every: 5, version: 2 } });
    const result = await after('account-reshaped', deposit(1));
    expect(watched.reads[0]?.from).toBe(1);
    expect(result.state).toEqual({ balance: 6, movements: 6 });

    for (let i = 0; i < 4; i += 1) await after('account-reshaped', deposit(1));
    expect(await createSnapshotStore(opened.db).read('account-reshaped')).toEqual({
      version: 10,
      snapshotVersion: 2,
      state: { balance: 10, movements: 10 },
    });
  });

  it('still succeeds when the snapshot cannot be written, and says so', async () => {
    const onSnapshotError = vi.fn();
    const handle = createCommandHandler(store, bankAccount, {
      snapshot: { every: 1, version: 1, toJSON: () => ({ note: 'nul \u0000 is not storable in jsonb' }) },
      onSnapshotError,
    });
    expect(await handle('account-nosnap', deposit(1))).toMatchObject({ nextExpectedVersion: 1 });
    expect(onSnapshotError).toHaveBeenCalledOnce();
    expect(onSnapshotError.mock.calls[0]?.[1]).toBe('account-nosnap');
    expect(await createSnapshotStore(opened.db).read('account-nosnap')).toBeUndefined();
  });
});
