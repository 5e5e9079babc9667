import type { Migration } from '@omnistream/event-store';

/** Topics as products: who owns each, which schema subject its values follow, how it is kept, what is sensitive. */
export const topicsSchema: Migration = {
  id: '0103-hub-topics',
  sql: `
create table omnistream.hub_topics (
  name text primary key,
  owner text not null,
  subject text not null,
  partitions int not null,
  retention_ms bigint,
  sensitive jsonb not null default '{}'::jsonb,
  description text not null default '',
  version int not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
`,
};
