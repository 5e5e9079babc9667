import type { Sql } from '@omnistream/event-store';

export type ProjectionState = 'building' | 'active' | 'retired';

export interface RegistryRow {
  readonly version: number;
  readonly state: ProjectionState;
  readonly subscription: string;
  readonly tables: readonly string[];
}

/** Every registered version of one projection, oldest first. */
export const readRegistry = (sql: Sql, name: string): Promise<RegistryRow[]> =>
  // to_jsonb: both drivers parse jsonb the same way, while their array parsing differs.
  sql.query<RegistryRow>(
    `select version, state, subscription, to_jsonb(tables) as tables
       from omnistream.projections where name = $1 order by version`,
    [name],
  );
