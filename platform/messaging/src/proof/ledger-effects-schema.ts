import type { Migration } from '@omnistream/event-store';

/**
 * The consumer's effects in the proof. Deliberately without a unique key on the event id: a unique key would turn
 * a second application into an error that the retry loop swallows, hiding exactly the double effect the proof
 * looks for. `applications` is append-only (one row per time the handler's transaction committed), `accounts`
 * holds what a real read model would (balance, how many deposits, the last version applied), `deliveries` is
 * what the bus handed over (see recordDeliveries), and `order_violations` is written outside the handler's
 * transaction, so a refused delivery leaves a trace even though its transaction rolls back.
 */
export const ledgerEffectsSchema: Migration = {
  id: '9001-ledger-proof',
  sql: `
create schema if not exists ledger_proof;

create table ledger_proof.accounts (
  account text primary key,
  balance bigint not null,
  applied int not null,
  last_version int not null
);

create table ledger_proof.applications (
  seq bigserial primary key,
  event_id text not null,
  account text not null,
  version int not null,
  amount int not null,
  consumer_pid int not null
);

create table ledger_proof.deliveries (
  seq bigserial primary key,
  event_id text not null,
  consumer_pid int not null,
  already_applied boolean not null
);

create table ledger_proof.order_violations (
  seq bigserial primary key,
  event_id text not null,
  account text not null,
  expected int not null,
  got int not null
);
`,
};
