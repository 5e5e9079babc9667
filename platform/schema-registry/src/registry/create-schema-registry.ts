import type { Database } from '@omnistream/event-store';
import { checkCompatibility } from '../compatibility/check-compatibility.js';
import type { CompatibilityLevel } from '../compatibility/compatibility-level.js';
import type { JsonSchema } from '../json-schema/json-schema.js';
import { deleteLevel, effectiveLevel, GLOBAL, readLevel, writeLevel } from './compatibility-config.js';
import { deleteSubject, deleteVersion } from './delete-versions.js';
import { parseSchemaInput } from './parse-schema-input.js';
import type { VersionRef } from './parse-version.js';
import { registerSchema, type Registered } from './register-schema.js';
import { RegistryError, schemaNotFound, subjectNotFound } from './registry-error.js';
import { findVersion, listSubjects, listVersions, type SubjectVersion } from './subject-versions.js';

export interface Visibility {
  /** Include soft-deleted versions (`?deleted=true`). */
  readonly deleted?: boolean;
}

/**
 * The Confluent Schema Registry's operations over the platform database (JSON Schema only, for now). Bodies are
 * taken as received (`{schema, schemaType?, references?}`) and checked here; every failure is a RegistryError
 * carrying Confluent's status and error code.
 */
export interface SchemaRegistry {
  subjects(options?: Visibility): Promise<string[]>;
  versions(subject: string, options?: Visibility): Promise<number[]>;
  version(subject: string, version: VersionRef, options?: Visibility): Promise<SubjectVersion>;
  register(subject: string, body: unknown): Promise<Registered>;
  /** The version of `subject` holding this schema: 40401 unknown subject, 40403 not in it. */
  lookup(subject: string, body: unknown, options?: Visibility): Promise<SubjectVersion>;
  schema(id: number): Promise<{ schema: string; schemaType: string }>;
  /** Problems found (empty when compatible) with one version, or with `all` the level's versions. */
  compatibility(subject: string, version: VersionRef | 'all', body: unknown): Promise<string[]>;
  globalLevel(): Promise<CompatibilityLevel>;
  setGlobalLevel(level: unknown): Promise<CompatibilityLevel>;
  /** The subject's own level; 404/40408 when it has none, unless `defaultToGlobal`. */
  subjectLevel(subject: string, options?: { defaultToGlobal?: boolean }): Promise<CompatibilityLevel>;
  setSubjectLevel(subject: string, level: unknown): Promise<CompatibilityLevel>;
  deleteSubjectLevel(subject: string): Promise<CompatibilityLevel>;
  deleteSubject(subject: string, options?: { permanent?: boolean }): Promise<number[]>;
  deleteVersion(subject: string, version: VersionRef, options?: { permanent?: boolean }): Promise<number>;
}

const noOwnLevel = (subject: string) =>
  new RegistryError(404, 40408, `Subject '${subject}' does not have subject-level compatibility configured`);

const parsed = (row: SubjectVersion): JsonSchema => JSON.parse(row.schema) as JsonSchema;

export const createSchemaRegistry = (db: Database): SchemaRegistry => ({
  subjects: (options = {}) => listSubjects(db, options.deleted === true),
  versions: async (subject, options = {}) => {
    const rows = await listVersions(db, subject, options.deleted === true);
    if (rows.length === 0) throw subjectNotFound(subject);
    return rows.map((row) => row.version);
  },
  version: (subject, version, options = {}) => findVersion(db, subject, version, options.deleted === true),
  register: (subject, body) => registerSchema(db, subject, parseSchemaInput(body)),
  lookup: async (subject, body, options = {}) => {
    const candidate = parseSchemaInput(body);
    const rows = await listVersions(db, subject, options.deleted === true);
    if (rows.length === 0) throw subjectNotFound(subject);
    const found = rows.filter((row) => row.schema === candidate.canonical).at(-1);
    if (found === undefined) throw schemaNotFound();
    return found;
  },
  schema: async (id) => {
    const rows = await db.query<{ schema: string; schemaType: string }>(
      `select s.schema, s.schema_type as "schemaType" from omnistream.registry_schemas s
       where s.id = $1 and exists (select 1 from omnistream.registry_versions v where v.schema_id = s.id)`,
      [id],
    );
    if (rows[0] === undefined) throw schemaNotFound(`Schema ${id} not found`);
    return rows[0];
  },
  compatibility: async (subject, version, body) => {
    const candidate = parseSchemaInput(body);
    const level = await effectiveLevel(db, subject);
    if (version === 'all') {
      const live = await listVersions(db, subject, false);
      return checkCompatibility(
        level,
        candidate.schema,
        live.map((row) => ({ version: row.version, schema: parsed(row) })),
      );
    }
    const row = await findVersion(db, subject, version, false);
    // Against one named version the level says only the direction, never "every earlier version".
    const plain = level.replace('_TRANSITIVE', '') as CompatibilityLevel;
    return checkCompatibility(plain, candidate.schema, [{ version: row.version, schema: parsed(row) }]);
  },
  globalLevel: async () => (await readLevel(db, GLOBAL)) ?? 'BACKWARD',
  setGlobalLevel: (level) => writeLevel(db, GLOBAL, level),
  subjectLevel: async (subject, options = {}) => {
    if (options.defaultToGlobal === true) return effectiveLevel(db, subject);
    const own = await readLevel(db, subject);
    if (own === undefined) throw noOwnLevel(subject);
    return own;
  },
  setSubjectLevel: (subject, level) => writeLevel(db, subject, level),
  deleteSubjectLevel: async (subject) => {
    const deleted = await deleteLevel(db, subject);
    if (deleted === undefined) throw noOwnLevel(subject);
    return deleted;
  },
  deleteSubject: (subject, options = {}) => deleteSubject(db, subject, options.permanent === true),
  deleteVersion: (subject, version, options = {}) =>
    deleteVersion(db, subject, version, options.permanent === true),
});
