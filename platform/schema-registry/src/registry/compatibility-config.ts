import type { Sql } from '@omnistream/event-store';
import {
  DEFAULT_COMPATIBILITY,
  parseCompatibilityLevel,
  type CompatibilityLevel,
} from '../compatibility/compatibility-level.js';
import { invalidCompatibilityLevel } from './registry-error.js';

/** The key of the registry-wide level in registry_config: no subject is named ''. */
export const GLOBAL = '';

/** A subject's own level (or the global one for GLOBAL); undefined when none was set. */
export const readLevel = async (sql: Sql, subject: string): Promise<CompatibilityLevel | undefined> => {
  const rows = await sql.query<{ compatibility: string }>(
    'select compatibility from omnistream.registry_config where subject = $1',
    [subject],
  );
  return parseCompatibilityLevel(rows[0]?.compatibility);
};

/** The level that applies to a subject: its own, else the registry's, else BACKWARD. */
export const effectiveLevel = async (sql: Sql, subject: string): Promise<CompatibilityLevel> =>
  (await readLevel(sql, subject)) ?? (await readLevel(sql, GLOBAL)) ?? DEFAULT_COMPATIBILITY;

/** Stores a level given on the wire (any case); 422/42203 when it names none. */
export const writeLevel = async (sql: Sql, subject: string, given: unknown): Promise<CompatibilityLevel> => {
  const level = parseCompatibilityLevel(given);
  if (level === undefined) throw invalidCompatibilityLevel(given);
  await sql.query(
    `insert into omnistream.registry_config (subject, compatibility) values ($1, $2)
     on conflict (subject) do update set compatibility = excluded.compatibility`,
    [subject, level],
  );
  return level;
};

export const deleteLevel = async (sql: Sql, subject: string): Promise<CompatibilityLevel | undefined> => {
  const rows = await sql.query<{ compatibility: string }>(
    'delete from omnistream.registry_config where subject = $1 returning compatibility',
    [subject],
  );
  return parseCompatibilityLevel(rows[0]?.compatibility);
};
