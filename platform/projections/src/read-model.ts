import { DomainError } from '@omnistream/kernel';
import type { Sql } from '@omnistream/event-store';
import { activeTables, type ActiveTables } from './active-tables.js';

const UNDEFINED_TABLE = '42P01';

const isUndefinedTable = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === UNDEFINED_TABLE;

/**
 * Runs a read against the active version's tables. A reader that resolved a version just before it was switched
 * out and dropped would fail on a missing table; it is retried once against the version now active, so dropping a
 * retired version never surfaces to readers. Throws PROJECTION_NOT_READY while no version is active.
 */
export const readModel = async <T>(
  sql: Sql,
  name: string,
  read: (tables: ActiveTables) => Promise<T>,
): Promise<T> => {
  for (let attempt = 1; ; attempt += 1) {
    const tables = await activeTables(sql, name);
    if (tables === undefined)
      throw new DomainError('PROJECTION_NOT_READY', `projection ${name} has no active version yet`, { name });
    try {
      return await read(tables);
    } catch (error) {
      if (attempt >= 2 || !isUndefinedTable(error)) throw error;
    }
  }
};
