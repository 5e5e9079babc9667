import type { Migration } from '@omnistream/event-store';

/**
 * The projection registry and the schema read models live in. `tables` keeps each version's base table names so
 * that a retired version can be dropped without its code. At most one version of a projection is active: the
 * partial unique index makes a second switch fail rather than leave two.
 */
export const projectionsSchema: Migration = {
  id: '0003-projections',
  sql: `
create schema if not exists omnistream_read;

create table omnistream.projections (
  name text not null,
  version int not null,
  state text not null check (state in ('building', 'active', 'retired')),
  subscription text not null,
  tables text[] not null,
  created_at timestamptz not null default now(),
  activated_at timestamptz,
  primary key (name, version)
);

create unique index projections_one_active_idx on omnistream.projections (name) where state = 'active';
`,
};
