import type { Migration } from '@omnistream/event-store';

/**
 * Responses of HTTP commands sent with an `Idempotency-Key`, so a retried command returns what the first attempt
 * returned instead of running twice. A key is scoped by API principal; `request_hash` catches a key reused for a
 * different request. A row is `in_progress` while its first attempt runs and is taken over once `locked_until`
 * passes (the process that held it died). `attempt_id` lets only the attempt holding the claim finish it. Completed rows are kept until `expires_at`.
 */
export const idempotencyKeysSchema: Migration = {
  id: '0002-idempotency-keys',
  sql: `
create table omnistream.idempotency_keys (
  scope text not null,
  key text not null,
  request_hash text not null,
  attempt_id text not null,
  state text not null check (state in ('in_progress', 'completed')),
  response_status int,
  response_headers jsonb,
  response_body text,
  created_at timestamptz not null,
  locked_until timestamptz not null,
  expires_at timestamptz not null,
  primary key (scope, key)
);

create index idempotency_keys_expires_at_idx on omnistream.idempotency_keys (expires_at);
`,
};
