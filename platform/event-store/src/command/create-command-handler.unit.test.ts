import { describe, expect, it } from 'vitest';
import type { DomainError, EventEnvelope, NewEvent } from '@omnistream/kernel';
import { versionConflict } from '../append-errors.js';
import type { ExpectedVersion } from '../expected-version.js';
import type { SnapshotStore, StoredSnapshot } from '../snapshots/snapshot-store.js';
import {
  bankAccount,
  deposit,
  deposited,
  withdraw,
  withdrawn,
  type BankAccount,
  type BankAccountEvent,
} from './bank-account.fixture.js';
import {
  createCommandHandler,
  type CommandEventStore,
  type CommandHandlerOptions,
  type HandleOptions,
} from './create-command-handler.js';

const STREAM = 'account-1';

/** One stream in memory, with the store's expected-version rules, and rivals that append just before us. */
const inMemoryStream = (history: readonly BankAccountEvent[]) => {
  const stored: EventEnvelope[] = [];
  const reads: number[] = [];
  const appends: ExpectedVersion[] = [];
  const rivals: BankAccountEvent[] = [];
  const write = (events: readonly NewEvent[]) =>
    events.map((event) => {
      const envelope: EventEnvelope = {
        id: `00000000-0000-7000-8000-${String(stored.length + 1).padStart(12, '0')}`,
        type: event.type,
        streamId: STREAM,
        version: stored.length + 1,
        data: event.data,
        metadata: event.metadata ?? {},
        globalPosition: BigInt(stored.length + 1),
        transactionId: 1n,
        recordedAt: '2026-03-01T10:00:00.000Z',
      };
      stored.push(envelope);
      return envelope;
    });
  write(history);
  const store: CommandEventStore = {
    readStream: (_streamId, { from = 1, maxCount = 10_000 } = {}) => {
      reads.push(from);
      return Promise.resolve(stored.filter((e) => e.version >= from).slice(0, maxCount));
    },
    append: (streamId, events, { expectedVersion = 'any' } = {}) => {
      appends.push(expectedVersion);
      const rival = rivals.shift();
      if (rival !== undefined) write([rival]);
      const actual = stored.length;
      const ok =
        expectedVersion === 'any' ||
        (expectedVersion === 'no_stream'
          ? actual === 0
          : expectedVersion === 'stream_exists'
            ? actual > 0
            : actual === expectedVersion);
      if (!ok) return Promise.reject(versionConflict(streamId, String(expectedVersion), actual));
      return Promise.resolve({
        streamId,
        nextExpectedVersion: actual + events.length,
        events: write(events),
        duplicate: false,
      });
    },
  };
  return { store, stored, reads, appends, rivals };
};

const memorySnapshots = (initial?: StoredSnapshot) => {
  const saved = new Map<string, StoredSnapshot>(initial === undefined ? [] : [[STREAM, initial]]);
  const snapshots: SnapshotStore = {
    read: (streamId) => Promise.resolve(saved.get(streamId)),
    write: (streamId, snapshot) => {
      saved.set(streamId, snapshot);
      return Promise.resolve();
    },
  };
  return { snapshots, saved };
};

const given = (history: readonly BankAccountEvent[], options: CommandHandlerOptions<BankAccount> = {}) => {
  const stream = inMemoryStream(history);
  const handle = createCommandHandler(stream.store, bankAccount, {
    ...options,
    retry: { baseDelayMs: 0, ...options.retry },
  });
  return {
    ...stream,
    when: (command: Parameters<typeof handle>[1], handleOptions?: HandleOptions) =>
      handle(STREAM, command, handleOptions),
  };
};

const conflictOf = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected a STREAM_VERSION_CONFLICT'),
    (error: DomainError) => {
      expect(error.code).toBe('STREAM_VERSION_CONFLICT');
      return error.details;
    },
  );

describe('createCommandHandler', () => {
  it('appends what the decider decided, expecting the version it loaded, and returns the state after', async () => {
    const account = given([deposited(10)]);
    const result = await account.when(deposit(5));
    expect(account.appends).toEqual([1]);
    expect(result.events.map((e) => [e.type, e.version, e.data])).toEqual([
      ['MoneyDeposited', 2, { amount: 5 }],
    ]);
    expect(result.nextExpectedVersion).toBe(2);
    expect(result.state).toEqual({ balance: 15, movements: 2 });
  });

  it('expects no stream when it loaded none', async () => {
    const account = given([]);
    await account.when(deposit(5));
    expect(account.appends).toEqual(['no_stream']);
  });

  it('stamps every event with the command metadata', async () => {
    const { events } = await given([]).when(deposit(5));
    expect(events[0]?.metadata).toEqual({
      occurredAt: '2026-03-01T10:00:00.000Z',
      correlationId: 'corr-1',
      causationId: 'cause-1',
      actor: 'user:ada',
    });
  });

  it('appends nothing when the decider decides nothing', async () => {
    const account = given([deposited(10)]);
    const result = await account.when(deposit(0));
    expect(account.appends).toEqual([]);
    expect(result).toEqual({ events: [], nextExpectedVersion: 1, state: { balance: 10, movements: 1 } });
  });

  it('lets a DomainError from decide through unchanged and writes nothing', async () => {
    const account = given([deposited(10)]);
    await expect(account.when(withdraw(11))).rejects.toMatchObject({
      code: 'INSUFFICIENT_FUNDS',
      details: { balance: 10 },
    });
    expect(account.appends).toEqual([]);
  });

  it('after a conflict, decides again on the state the rival left', async () => {
    const account = given([deposited(10)]);
    account.rivals.push(deposited(1));
    const result = await account.when(deposit(5));
    expect(account.appends).toEqual([1, 2]);
    expect(result.state).toEqual({ balance: 16, movements: 3 });
  });

  it('after a conflict, rejects a command the rival made impossible', async () => {
    const account = given([deposited(10)]);
    account.rivals.push(withdrawn(10));
    await expect(account.when(withdraw(5))).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
    expect(account.stored.map((e) => e.type)).toEqual(['MoneyDeposited', 'MoneyWithdrawn']);
  });

  it('rethrows the conflict after the last attempt', async () => {
    const account = given([deposited(10)], { retry: { maxAttempts: 3 } });
    account.rivals.push(deposited(1), deposited(1), deposited(1));
    expect(await conflictOf(account.when(deposit(5)))).toMatchObject({ actualVersion: 4 });
    expect(account.appends).toEqual([1, 2, 3]);
  });

  it("with the caller's expected version, reports a stale one without deciding or appending", async () => {
    const account = given([deposited(10), withdrawn(10)]);
    // Deciding first would have surfaced INSUFFICIENT_FUNDS and hidden that the caller's view is stale.
    expect(await conflictOf(account.when(withdraw(5), { expectedVersion: 1 }))).toMatchObject({
      expectedVersion: '1',
      actualVersion: 2,
    });
    expect(account.appends).toEqual([]);
  });

  it("with the caller's expected version, never retries a rival's conflict", async () => {
    const account = given([deposited(10)]);
    account.rivals.push(deposited(1));
    expect(await conflictOf(account.when(deposit(5), { expectedVersion: 1 }))).toMatchObject({
      actualVersion: 2,
    });
    expect(account.appends).toEqual([1]);
  });

  it("with the caller's expected version 0, creates the stream", async () => {
    const account = given([]);
    await account.when(deposit(5), { expectedVersion: 0 });
    expect(account.appends).toEqual(['no_stream']);
  });
});

describe('createCommandHandler with snapshots', () => {
  const policy = { every: 5, version: 1 };

  it('writes a snapshot when an append crosses a multiple of every', async () => {
    const { snapshots, saved } = memorySnapshots();
    const account = given([deposited(1), deposited(1), deposited(1)], { snapshot: policy, snapshots });
    await account.when(deposit(1));
    expect(saved.size).toBe(0);
    await account.when(deposit(1));
    expect(saved.get(STREAM)).toEqual({
      version: 5,
      snapshotVersion: 1,
      state: { balance: 5, movements: 5 },
    });
  });

  it('starts from the snapshot and reads only the events after it', async () => {
    const { snapshots } = memorySnapshots({
      version: 2,
      snapshotVersion: 1,
      state: { balance: 100, movements: 2 },
    });
    const account = given([deposited(1), deposited(1), deposited(1)], { snapshot: policy, snapshots });
    const { state } = await account.when(deposit(1));
    expect(account.reads).toEqual([3]);
    expect(state).toEqual({ balance: 102, movements: 4 }); // 100 came from the snapshot, not from the events
  });

  it('ignores a snapshot of another shape version', async () => {
    const { snapshots } = memorySnapshots({
      version: 2,
      snapshotVersion: 0,
      state: { balance: 100, movements: 2 },
    });
    const account = given([deposited(1), deposited(1), deposited(1)], { snapshot: policy, snapshots });
    const { state } = await account.when(deposit(1));
    expect(account.reads).toEqual([1]);
    expect(state).toEqual({ balance: 4, movements: 4 });
  });

  it('stores and restores through toJSON and fromJSON', async () => {
    const { snapshots, saved } = memorySnapshots();
    const asPair = {
      ...policy,
      toJSON: (state: BankAccount) => [state.balance, state.movements],
      fromJSON: (json: unknown) => ({
        balance: (json as number[])[0] ?? 0,
        movements: (json as number[])[1] ?? 0,
      }),
    };
    const account = given([deposited(1), deposited(1), deposited(1), deposited(1)], {
      snapshot: asPair,
      snapshots,
    });
    await account.when(deposit(1));
    expect(saved.get(STREAM)?.state).toEqual([5, 5]);
    expect((await account.when(deposit(1))).state).toEqual({ balance: 6, movements: 6 });
    expect(account.reads.at(-1)).toBe(6);
  });

  it('reports a failed snapshot write and still succeeds', async () => {
    const failures: unknown[] = [];
    const snapshots: SnapshotStore = {
      read: () => Promise.resolve(undefined),
      write: () => Promise.reject(new Error('disk full')),
    };
    const account = given([deposited(1), deposited(1), deposited(1), deposited(1)], {
      snapshot: policy,
      snapshots,
      onSnapshotError: (error) => failures.push(error),
    });
    expect((await account.when(deposit(1))).nextExpectedVersion).toBe(5);
    expect(failures).toEqual([new Error('disk full')]);
  });

  it('reports a failed snapshot read and folds the whole stream instead', async () => {
    const failures: unknown[] = [];
    const snapshots: SnapshotStore = {
      read: () => Promise.reject(new Error('timeout')),
      write: () => Promise.resolve(),
    };
    const account = given([deposited(1)], {
      snapshot: policy,
      snapshots,
      onSnapshotError: (error) => failures.push(error),
    });
    expect((await account.when(deposit(1))).state).toEqual({ balance: 2, movements: 2 });
    expect(failures).toEqual([new Error('timeout')]);
  });

  it('refuses a policy that would never snapshot', () =>
    expect(() =>
      given([], { snapshot: { every: 0, version: 1 }, snapshots: memorySnapshots().snapshots }),
    ).toThrow(/snapshot.every/));
});
