import type { Migration } from '@omnistream/event-store';

/**
 * API keys of the integration hub's producers and consumers. Only a SHA-256 of each secret is kept: a secret is 32
 * random bytes, so a fast hash is as safe as a slow one and keeps authentication off the request's critical path.
 */
export const apiKeysSchema: Migration = {
  id: '0104-hub-api-keys',
  sql: `
create table omnistream.hub_api_keys (
  key_id text primary key,
  name text not null,
  secret_sha256 bytea not null,
  produce text[] not null,
  consume text[] not null,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
`,
};

/** Per-key rate limits of the produce proxy (429/42901 beyond them). Null: no limit. */
export const apiKeyRateLimitsSchema: Migration = {
  id: '0106-hub-api-key-rate-limits',
  sql: `alter table omnistream.hub_api_keys add column requests_per_second int check (requests_per_second > 0);`,
};
