import type { Sql } from '@omnistream/event-store';
import type { TableName } from './projection.js';
import { versionedTable } from './versioned-table.js';

export interface ActiveTables {
  readonly version: number;
  /** Resolves a base table name of the active version. */
  readonly t: TableName;
}

/**
 * The active version of a projection and its tables, or undefined while the first version is still being built.
 * Readers resolve it per read, so they keep reading the old version while a new one builds and move at the switch.
 * The registry rather than the reader's code names the tables: the active version may be one the reader's code
 * calls old or new.
 */
export const activeTables = async (
  sql: Sql,
  projection: string | { readonly name: string },
): Promise<ActiveTables | undefined> => {
  const name = typeof projection === 'string' ? projection : projection.name;
  const [row] = await sql.query<{ version: number; tables: string[] }>(
    `select version, to_jsonb(tables) as tables from omnistream.projections where name = $1 and state = 'active'`,
    [name],
  );
  return row === undefined
    ? undefined
    : { version: row.version, t: versionedTable(name, row.version, row.tables) };
};
