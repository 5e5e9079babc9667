import type { Database } from '@omnistream/event-store';
import { deleteLevel } from './compatibility-config.js';
import type { VersionRef } from './parse-version.js';
import { RegistryError, subjectNotFound, versionNotFound } from './registry-error.js';
import { listVersions, lockSubject } from './subject-versions.js';

/**
 * `DELETE /subjects/{s}`: soft deletes the live versions; with `permanent`, removes versions already soft
 * deleted, and the subject's config with the last of them. Confluent's two-step rule: a permanent delete of
 * something not soft deleted first is refused (40405, 40407).
 */
export const deleteSubject = (db: Database, subject: string, permanent: boolean): Promise<number[]> =>
  db.transaction(async (tx) => {
    await lockSubject(tx, subject);
    const all = await listVersions(tx, subject, true);
    if (all.length === 0) throw subjectNotFound(subject);
    const live = all.filter((row) => !row.deleted).map((row) => row.version);
    if (!permanent) {
      if (live.length === 0)
        throw new RegistryError(
          404,
          40404,
          `Subject '${subject}' was soft deleted. Set permanent=true to delete permanently`,
        );
      await tx.query(
        'update omnistream.registry_versions set deleted = true where subject = $1 and not deleted',
        [subject],
      );
      return live;
    }
    if (live.length > 0)
      throw new RegistryError(
        404,
        40405,
        `Subject '${subject}' was not deleted first before being permanently deleted`,
      );
    await tx.query('delete from omnistream.registry_versions where subject = $1', [subject]);
    await deleteLevel(tx, subject);
    return all.map((row) => row.version);
  });

/** `DELETE /subjects/{s}/versions/{v}`: soft, then (with `permanent`) hard. `latest` is the newest live version. */
export const deleteVersion = (
  db: Database,
  subject: string,
  ref: VersionRef,
  permanent: boolean,
): Promise<number> =>
  db.transaction(async (tx) => {
    await lockSubject(tx, subject);
    const all = await listVersions(tx, subject, true);
    if (all.length === 0) throw subjectNotFound(subject);
    const row =
      ref === 'latest'
        ? (all.filter((candidate) => !candidate.deleted).at(-1) ?? (permanent ? all.at(-1) : undefined))
        : all.find((candidate) => candidate.version === ref);
    if (row === undefined) throw versionNotFound(subject, ref);
    if (!permanent) {
      if (row.deleted)
        throw new RegistryError(
          404,
          40406,
          `Subject '${subject}' Version ${row.version} was soft deleted. Set permanent=true to delete permanently`,
        );
      await tx.query(
        'update omnistream.registry_versions set deleted = true where subject = $1 and version = $2',
        [subject, row.version],
      );
      return row.version;
    }
    if (!row.deleted)
      throw new RegistryError(
        404,
        40407,
        `Subject '${subject}' Version ${row.version} was not deleted first before being permanently deleted`,
      );
    await tx.query('delete from omnistream.registry_versions where subject = $1 and version = $2', [
      subject,
      row.version,
    ]);
    return row.version;
  });
