import type { Database, Sql } from '@omnistream/event-store';
import { checkCompatibility } from '../compatibility/check-compatibility.js';
import type { JsonSchema } from '../json-schema/json-schema.js';
import { effectiveLevel } from './compatibility-config.js';
import type { ParsedSchema } from './parse-schema-input.js';
import { RegistryError } from './registry-error.js';
import { listVersions, lockSubject } from './subject-versions.js';

export interface Registered {
  readonly id: number;
  readonly version: number;
  /** False when the subject already had this schema live: nothing was written. */
  readonly created: boolean;
}

/** The schema's global id, storing it first if it is new. Ids are never reused or changed. */
const schemaId = async (sql: Sql, parsed: ParsedSchema): Promise<number> => {
  // A concurrent transaction inserting the same fingerprint makes this wait, then do nothing; the select after
  // it runs on a fresh snapshot (read committed) and sees that row.
  const inserted = await sql.query<{ id: number }>(
    `insert into omnistream.registry_schemas (schema_type, schema, fingerprint) values ($1, $2, $3)
     on conflict (fingerprint) do nothing returning id`,
    [parsed.schemaType, parsed.canonical, parsed.fingerprint],
  );
  if (inserted[0] !== undefined) return inserted[0].id;
  const rows = await sql.query<{ id: number }>(
    'select id from omnistream.registry_schemas where fingerprint = $1',
    [parsed.fingerprint],
  );
  return rows[0]!.id;
};

/**
 * Adds a schema to a subject as its next version, after checking it against the subject's compatibility level.
 * An identical schema already live in the subject returns its id and version without a check (Confluent). Runs
 * under the subject's advisory lock, so concurrent registrations of one schema give one version.
 */
export const registerSchema = (db: Database, subject: string, parsed: ParsedSchema): Promise<Registered> =>
  db.transaction(async (tx) => {
    await lockSubject(tx, subject);
    const all = await listVersions(tx, subject, true);
    const live = all.filter((row) => !row.deleted);
    const same = live.find((row) => row.schema === parsed.canonical && row.schemaType === parsed.schemaType);
    if (same !== undefined) return { id: same.id, version: same.version, created: false };

    const level = await effectiveLevel(tx, subject);
    const earlier = live.map((row) => ({
      version: row.version,
      schema: JSON.parse(row.schema) as JsonSchema,
    }));
    const messages = checkCompatibility(level, parsed.schema, earlier);
    if (messages.length > 0)
      throw new RegistryError(
        409,
        409,
        `Schema being registered is incompatible with an earlier schema for subject "${subject}" ` +
          `(${level}): ${messages.join('; ')}`,
      );

    const id = await schemaId(tx, parsed);
    const version = (all.at(-1)?.version ?? 0) + 1;
    await tx.query(
      'insert into omnistream.registry_versions (subject, version, schema_id) values ($1, $2, $3)',
      [subject, version, id],
    );
    return { id, version, created: true };
  });
