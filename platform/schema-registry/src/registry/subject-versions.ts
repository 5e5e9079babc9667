import type { Sql } from '@omnistream/event-store';
import type { VersionRef } from './parse-version.js';
import { subjectNotFound, versionNotFound } from './registry-error.js';

/** One version of a subject as the REST API shows it. */
export interface SubjectVersion {
  readonly subject: string;
  readonly version: number;
  readonly id: number;
  readonly schema: string;
  readonly schemaType: string;
  readonly deleted: boolean;
}

const SELECT = `select v.subject, v.version, v.schema_id as id, s.schema, s.schema_type as "schemaType", v.deleted
  from omnistream.registry_versions v join omnistream.registry_schemas s on s.id = v.schema_id`;

/** Registrations to one subject run one at a time: the version number and the compatibility check need it. */
export const lockSubject = async (sql: Sql, subject: string): Promise<void> => {
  await sql.query('select pg_advisory_xact_lock(1880, hashtext($1))', [subject]);
};

/** The subject's versions, oldest first; soft-deleted ones only when asked. */
export const listVersions = (sql: Sql, subject: string, includeDeleted: boolean): Promise<SubjectVersion[]> =>
  sql.query<SubjectVersion>(
    `${SELECT} where v.subject = $1 and ($2::boolean or not v.deleted) order by v.version`,
    [subject, includeDeleted],
  );

/** One version (`latest` is the newest visible one); 40401 when the subject has none visible, 40402 when not that one. */
export const findVersion = async (
  sql: Sql,
  subject: string,
  ref: VersionRef,
  includeDeleted: boolean,
): Promise<SubjectVersion> => {
  const versions = await listVersions(sql, subject, includeDeleted);
  if (versions.length === 0) throw subjectNotFound(subject);
  const found = ref === 'latest' ? versions.at(-1) : versions.find((row) => row.version === ref);
  if (found === undefined) throw versionNotFound(subject, ref);
  return found;
};

export const listSubjects = async (sql: Sql, includeDeleted: boolean): Promise<string[]> => {
  const rows = await sql.query<{ subject: string }>(
    'select distinct subject from omnistream.registry_versions where $1::boolean or not deleted order by subject',
    [includeDeleted],
  );
  return rows.map((row) => row.subject);
};
