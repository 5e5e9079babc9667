import { randomBytes } from 'node:crypto';
import type { Sql } from '@omnistream/event-store';
import { packSealed, seal } from './aes-gcm.js';
import { aadFor, unwrapSubjectKey } from './subject-keys.js';

/**
 * subjectKey for many subjects in two round trips: the missing keys are made in one insert, then all of them are
 * read and share-locked (against a concurrent erasure) in one select. Sorted, so two batches lock in one order.
 */
export const subjectKeysOf = async (
  tx: Sql,
  keyWrapping: Buffer,
  subjectIds: readonly string[],
): Promise<Map<string, Buffer>> => {
  const subjects = [...new Set(subjectIds)].sort();
  await tx.query(
    `insert into omnistream.token_subject_keys (subject_id, encrypted_key)
     select s, decode(k, 'base64') from unnest($1::text[], $2::text[]) as n(s, k)
     on conflict (subject_id) do nothing`,
    [
      subjects,
      subjects.map((subject) =>
        packSealed(seal(keyWrapping, randomBytes(32), aadFor(subject))).toString('base64'),
      ),
    ],
  );
  const rows = await tx.query<{ subject_id: string; encrypted_key: Uint8Array }>(
    `select subject_id, encrypted_key from omnistream.token_subject_keys
      where subject_id = any($1::text[]) order by subject_id for share`,
    [subjects],
  );
  const keys = new Map<string, Buffer>();
  for (const row of rows)
    keys.set(row.subject_id, unwrapSubjectKey(keyWrapping, row.subject_id, row.encrypted_key));
  for (const subject of subjects)
    if (!keys.has(subject)) throw new Error(`subject key of ${subject} neither inserted nor found`);
  return keys;
};
