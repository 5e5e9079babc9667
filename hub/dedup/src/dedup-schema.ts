import type { Migration } from '@omnistream/event-store';

/**
 * Idempotency keys of producers publishing through the hub's REST proxy, so a retried publish returns the first
 * answer instead of publishing twice. `scope` keeps producers (and request-level versus record-level keys) apart;
 * `fingerprint` catches a key reused for a different payload. A row is `pending` while its first attempt
 * publishes and is taken over once `created_at` is older than the store's pending timeout (the process holding
 * it died); a `done` row carries the answer and is replayed until `expires_at`.
 */
export const dedupSchema: Migration = {
  id: '0102-hub-dedup',
  sql: `
create table omnistream.hub_dedup (
  scope text not null,
  key text not null,
  fingerprint text not null,
  state text not null check (state in ('pending', 'done')),
  answer jsonb,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  primary key (scope, key)
);

create index hub_dedup_expires_at_idx on omnistream.hub_dedup (expires_at);
`,
};
