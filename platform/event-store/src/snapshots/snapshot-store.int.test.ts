import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, type OpenedTestDatabase } from '@omnistream/testing';
import { createSnapshotStore, type SnapshotStore } from './snapshot-store.js';

describe.each(testDatabases())('the snapshot store on $name', (database) => {
  let opened: OpenedTestDatabase;
  let snapshots: SnapshotStore;

  beforeAll(async () => {
    opened = await database.open();
    snapshots = createSnapshotStore(opened.db);
  });
  afterAll(() => opened.close());

  it('has nothing for a stream never snapshotted', async () =>
    expect(await snapshots.read('account-none')).toBeUndefined());

  it('reads back the state as JSON, not as a JSON string encoded twice', async () => {
    const state = { balance: 12, note: 'quote " backslash \\ é 😀', tags: ['a'], nested: { ok: true } };
    await snapshots.write('account-json', { version: 10, snapshotVersion: 2, state });
    expect(await snapshots.read('account-json')).toEqual({ version: 10, snapshotVersion: 2, state });
  });

  it('replaces a snapshot with a newer one', async () => {
    await snapshots.write('account-newer', { version: 10, snapshotVersion: 1, state: { balance: 10 } });
    await snapshots.write('account-newer', { version: 20, snapshotVersion: 2, state: { balance: 20 } });
    expect(await snapshots.read('account-newer')).toEqual({
      version: 20,
      snapshotVersion: 2,
      state: { balance: 20 },
    });
  });

  it('never moves a snapshot backwards, even when the older one arrives last', async () => {
    await snapshots.write('account-late', { version: 20, snapshotVersion: 1, state: { balance: 20 } });
    await snapshots.write('account-late', { version: 10, snapshotVersion: 1, state: { balance: 10 } });
    await snapshots.write('account-late', { version: 20, snapshotVersion: 1, state: { balance: -1 } });
    expect(await snapshots.read('account-late')).toEqual({
      version: 20,
      snapshotVersion: 1,
      state: { balance: 20 },
    });
  });

  it('keeps versions beyond 32 bits', async () => {
    await snapshots.write('account-long', { version: 2 ** 40, snapshotVersion: 1, state: {} });
    expect((await snapshots.read('account-long'))?.version).toBe(2 ** 40);
  });

  it('refuses a state JSON cannot carry', async () =>
    expect(
      snapshots.write('account-bad', { version: 1, snapshotVersion: 1, state: undefined }),
    ).rejects.toThrow(/not a JSON value/));
});
