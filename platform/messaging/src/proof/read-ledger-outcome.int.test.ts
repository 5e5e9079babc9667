import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventStore, platformMigrations, type EventStore } from '@omnistream/event-store';
import { testDatabases, type OpenedTestDatabase } from '@omnistream/testing';
import { messagingMigrations } from '../messaging-schema.js';
import { ledgerEffectsSchema } from './ledger-effects-schema.js';
import { exactlyOnce, readLedgerOutcome } from './read-ledger-outcome.js';

// The cross-process proofs pass when this check finds nothing, so it must be shown to find what they look for.
describe.each(testDatabases())('the ledger outcome check on $name', (target) => {
  let opened: OpenedTestDatabase;
  let store: EventStore;
  let ids: string[] = [];
  beforeAll(async () => {
    opened = await target.open({
      migrations: [...platformMigrations, ...messagingMigrations, ledgerEffectsSchema],
    });
    store = createEventStore(opened.db);
    await store.append('account-0', [
      { type: 'Deposited', data: { amount: 5, sequence: 1 } },
      { type: 'Deposited', data: { amount: 7, sequence: 2 } },
    ]);
    await store.append('account-1', [{ type: 'Deposited', data: { amount: 11, sequence: 1 } }]);
    ids = (await store.readStream('account-0')).map((event) => event.id);
  });
  afterAll(async () => {
    await store.close();
    await opened.close();
  });

  const applied = async (rows: [id: string, account: string, version: number, amount: number][]) => {
    await opened.db.query('truncate ledger_proof.applications, ledger_proof.accounts');
    for (const [id, account, version, amount] of rows) {
      await opened.db.query(
        `insert into ledger_proof.applications (event_id, account, version, amount, consumer_pid)
         values ($1, $2, $3, $4, 1)`,
        [id, account, version, amount],
      );
      await opened.db.query(
        `insert into ledger_proof.accounts values ($1, $2, 1, $3) on conflict (account) do update
           set balance = accounts.balance + excluded.balance, applied = accounts.applied + 1,
               last_version = excluded.last_version`,
        [account, amount, version],
      );
    }
    return readLedgerOutcome(opened.db, opened.db);
  };

  it('finds a double effect, a lost event and a stream applied out of order', async () => {
    const [first = '', second = ''] = ids;
    const outcome = await applied([
      [second, 'account-0', 2, 7],
      [first, 'account-0', 1, 5],
      [first, 'account-0', 1, 5],
    ]);
    expect(outcome).toMatchObject({
      committed: 3,
      applications: 3,
      appliedTwice: [first],
      outOfOrder: ['account-0'],
      wrongTotals: ['account-0', 'account-1'],
    });
    expect(outcome.missing).toHaveLength(1);
  });

  it('reports nothing when every event was applied once, in order', async () => {
    const [first = '', second = ''] = ids;
    const [other] = await store.readStream('account-1');
    expect(
      await applied([
        [first, 'account-0', 1, 5],
        [other?.id ?? '', 'account-1', 1, 11],
        [second, 'account-0', 2, 7],
      ]),
    ).toEqual(exactlyOnce(3));
  });
});
