import { DomainError } from '@omnistream/kernel';
import type { TableName } from './projection.js';

export const READ_SCHEMA = 'omnistream_read';

const IDENTIFIER = /^[a-z][a-z0-9_]*$/;
/** PostgreSQL truncates identifiers beyond 63 bytes, which could make two versions share a table. */
const MAX_IDENTIFIER_BYTES = 63;

export const assertProjectionIdentifier = (kind: string, value: string): void => {
  if (!IDENTIFIER.test(value))
    throw new DomainError(
      'INVALID_PROJECTION_NAME',
      `${kind} must be lower-case letters, digits and underscores, got "${value}"`,
    );
};

/**
 * The table-name resolver of one projection version. Names are validated rather than escaped, so what is shown
 * in logs and psql is exactly what the code uses.
 */
export const versionedTable = (name: string, version: number, tables: readonly string[]): TableName => {
  assertProjectionIdentifier('a projection name', name);
  if (!Number.isSafeInteger(version) || version < 1)
    throw new DomainError(
      'INVALID_PROJECTION_VERSION',
      `a projection version is a positive integer, got ${version}`,
    );
  const resolved = new Map<string, string>();
  for (const base of tables) {
    assertProjectionIdentifier('a table name', base);
    const table = `${name}_${base}_v${version}`;
    if (Buffer.byteLength(table) > MAX_IDENTIFIER_BYTES)
      throw new DomainError(
        'INVALID_PROJECTION_NAME',
        `table name ${table} is longer than ${MAX_IDENTIFIER_BYTES} bytes`,
      );
    resolved.set(base, `${READ_SCHEMA}."${table}"`);
  }
  return (base) => {
    const table = resolved.get(base);
    // A typo would otherwise surface as "relation does not exist" in the middle of a rebuild.
    if (table === undefined)
      throw new DomainError(
        'UNKNOWN_PROJECTION_TABLE',
        `projection ${name} v${version} declares no table "${base}"`,
      );
    return table;
  };
};
