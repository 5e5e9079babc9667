import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDomainError } from '@omnistream/kernel';
import { testDatabases, type OpenedTestDatabase } from '@omnistream/testing';
import { createEventStore, type EventStore } from '../event-store.js';
import { bankAccount, deposit, withdraw } from './bank-account.fixture.js';
import { createBatchingCommandHandler } from './create-batching-command-handler.js';
import { createCommandHandler } from './create-command-handler.js';

describe.each(testDatabases())('the batching command handler on $name', (database) => {
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

  /** The store, counting appends. */
  const countingStore = () => {
    let appends = 0;
    const append: EventStore['append'] = (streamId, events, options) => {
      appends += 1;
      return store.append(streamId, events, options);
    };
    return { store: { ...store, append }, appends: () => appends };
  };

  it('writes 200 concurrent commands on one stream in a few appends, each caller getting its own version', async () => {
    const counting = countingStore();
    const handle = createBatchingCommandHandler(counting.store, bankAccount);
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => handle('account-hot', deposit(i + 1))),
    );

    expect(results.map((r) => r.nextExpectedVersion).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 200 }, (_, i) => i + 1),
    );
    for (const result of results)
      expect(result.events.map((e) => e.version)).toEqual([result.nextExpectedVersion]);
    expect(counting.appends()).toBeLessThan(20);
    const stored = await store.readStream('account-hot');
    expect(stored.reduce((sum, e) => sum + (e.data as { amount: number }).amount, 0)).toBe((200 * 201) / 2);
  });

  it('refuses only the commands its decider refuses, and writes the others of the same batch', async () => {
    const handle = createBatchingCommandHandler(store, bankAccount);
    await handle('account-mixed', deposit(10));
    const outcomes = await Promise.allSettled([
      handle('account-mixed', withdraw(4)),
      handle('account-mixed', withdraw(4)),
      handle('account-mixed', withdraw(4)), // only 2 left by now: refused
      handle('account-mixed', deposit(1)),
    ]);

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const refused = outcomes[2] as PromiseRejectedResult;
    expect(isDomainError(refused.reason, 'INSUFFICIENT_FUNDS')).toBe(true);
    const final = await handle('account-mixed', deposit(0));
    expect(final).toMatchObject({ nextExpectedVersion: 4, state: { balance: 3 } });
  });

  it('sees what another writer appended and never decides on its stale cache', async () => {
    const batching = createBatchingCommandHandler(store, bankAccount);
    const other = createCommandHandler(store, bankAccount);
    await batching('account-shared', deposit(5));
    await other('account-shared', withdraw(5)); // another process empties it

    await expect(batching('account-shared', withdraw(1))).rejects.toMatchObject({
      code: 'INSUFFICIENT_FUNDS',
    });
    await other('account-shared', deposit(7));
    await expect(batching('account-shared', withdraw(7))).resolves.toMatchObject({ nextExpectedVersion: 4 });
  });

  it('decides again after losing a race with another writer, and keeps every command exactly once', async () => {
    const one = createBatchingCommandHandler(store, bankAccount);
    const two = createBatchingCommandHandler(store, bankAccount);
    await Promise.all(
      Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? one : two)('account-raced', deposit(1))),
    );

    const stored = await store.readStream('account-raced');
    expect(stored.map((e) => e.version)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });

  it("checks a caller's expected version at its place in the batch", async () => {
    const handle = createBatchingCommandHandler(store, bankAccount);
    await handle('account-ifmatch', deposit(1));
    const [first, stale] = await Promise.allSettled([
      handle('account-ifmatch', deposit(1), { expectedVersion: 1 }),
      handle('account-ifmatch', deposit(1), { expectedVersion: 1 }),
    ]);

    expect(first).toMatchObject({ status: 'fulfilled', value: { nextExpectedVersion: 2 } });
    expect(stale).toMatchObject({
      status: 'rejected',
      reason: { code: 'STREAM_VERSION_CONFLICT', details: { actualVersion: 2 } },
    });
  });

  it('writes the good commands of a batch whose append failed for one bad event', async () => {
    const handle = createBatchingCommandHandler(store, bankAccount);
    const outcomes = await Promise.allSettled([
      handle('account-bad', deposit(2)),
      handle('account-bad', deposit(Number.NaN)), // NaN is not JSON: the store refuses the append
      handle('account-bad', deposit(3)),
    ]);

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await store.readStream('account-bad')).map((e) => e.data)).toEqual([
      { amount: 2 },
      { amount: 3 },
    ]);
  });
});
