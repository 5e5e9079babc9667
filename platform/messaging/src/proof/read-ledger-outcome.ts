import type { Sql } from '@omnistream/event-store';

/**
 * What a proof run left behind, checked against the event store rather than against what the producer meant to
 * do: every Deposited event committed there must have been applied exactly once, with its own version, in its
 * stream's order, and the balances must add up. Every list is empty and every count zero in a good run, so a test
 * compares the whole object and a failure shows everything at once.
 */
export interface LedgerOutcome {
  readonly committed: number;
  readonly applications: number;
  /** Event ids applied more than once: a double effect. */
  readonly appliedTwice: readonly string[];
  /** Committed events never applied: a lost message. */
  readonly missing: readonly string[];
  /** Applications of an event the store does not have, or with a version other than the store's. */
  readonly strangers: readonly string[];
  /** Accounts whose applications, in commit order, are not versions 1, 2, 3, ... */
  readonly outOfOrder: readonly string[];
  /** Accounts whose balance, deposit count or last version differ from the store's events. */
  readonly wrongTotals: readonly string[];
  /** Deliveries the handler refused because they were not the next version of their account. */
  readonly orderViolations: number;
  readonly deadLetters: number;
  readonly relayDeadLetters: number;
}

interface StoredDeposit {
  readonly event_id: string;
  readonly stream_id: string;
  readonly version: number;
  readonly amount: number;
}

interface Application {
  readonly event_id: string;
  readonly account: string;
  readonly version: number;
}

const total = async (sql: Sql, query: string): Promise<number> =>
  (await sql.query<{ n: number }>(query))[0]?.n ?? 0;

export const readLedgerOutcome = async (store: Sql, effects: Sql): Promise<LedgerOutcome> => {
  const deposits = await store.query<StoredDeposit>(
    `select event_id::text, stream_id, version::int, (data->>'amount')::int as amount
       from omnistream.events where type = 'Deposited' order by stream_id, version`,
  );
  const applications = await effects.query<Application>(
    'select event_id, account, version from ledger_proof.applications order by seq',
  );
  const accounts = await effects.query<{
    account: string;
    balance: string;
    applied: number;
    last_version: number;
  }>('select account, balance::text, applied, last_version from ledger_proof.accounts');

  const stored = new Map(deposits.map((deposit) => [deposit.event_id, deposit]));
  const times = new Map<string, number>();
  for (const application of applications)
    times.set(application.event_id, (times.get(application.event_id) ?? 0) + 1);
  const strangers = applications
    .filter(
      (a) => stored.get(a.event_id)?.stream_id !== a.account || stored.get(a.event_id)?.version !== a.version,
    )
    .map((a) => a.event_id);

  const seen = new Map<string, number>();
  const outOfOrder = new Set<string>();
  for (const application of applications) {
    const previous = seen.get(application.account) ?? 0;
    if (application.version !== previous + 1) outOfOrder.add(application.account);
    seen.set(application.account, application.version);
  }

  const expected = new Map<string, { balance: number; count: number; last: number }>();
  for (const deposit of deposits) {
    const sums = expected.get(deposit.stream_id) ?? { balance: 0, count: 0, last: 0 };
    expected.set(deposit.stream_id, {
      balance: sums.balance + deposit.amount,
      count: sums.count + 1,
      last: Math.max(sums.last, deposit.version),
    });
  }
  const actual = new Map(accounts.map((row) => [row.account, row]));
  const wrongTotals = [...new Set([...expected.keys(), ...actual.keys()])].filter((account) => {
    const want = expected.get(account);
    const got = actual.get(account);
    return (
      want === undefined ||
      got === undefined ||
      Number(got.balance) !== want.balance ||
      got.applied !== want.count ||
      got.last_version !== want.last
    );
  });

  return {
    committed: deposits.length,
    applications: applications.length,
    appliedTwice: [...times].filter(([, n]) => n > 1).map(([id]) => id),
    missing: deposits.filter((deposit) => !times.has(deposit.event_id)).map((deposit) => deposit.event_id),
    strangers,
    outOfOrder: [...outOfOrder].sort(),
    wrongTotals: wrongTotals.sort(),
    orderViolations: await total(effects, 'select count(*)::int as n from ledger_proof.order_violations'),
    // On the in-process bus both sides share one database: the relay's dead letters are told apart by group.
    deadLetters: await total(
      effects,
      `select count(*)::int as n from omnistream.dead_letters where group_name not like 'outbox:%'`,
    ),
    relayDeadLetters: await total(
      store,
      `select count(*)::int as n from omnistream.dead_letters where group_name like 'outbox:%'`,
    ),
  };
};

/** The outcome of a run in which all `events` deposits were committed and each was applied exactly once. */
export const exactlyOnce = (events: number): LedgerOutcome => ({
  committed: events,
  applications: events,
  appliedTwice: [],
  missing: [],
  strangers: [],
  outOfOrder: [],
  wrongTotals: [],
  orderViolations: 0,
  deadLetters: 0,
  relayDeadLetters: 0,
});
