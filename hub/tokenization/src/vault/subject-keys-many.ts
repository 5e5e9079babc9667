import { randomBytes } from './random-bytes.js';
import type { Sql } from '@omnistream/event-store';
import { packSealed, seal } from './aes-gcm.js';
import { aadFor, unwrapSubjectKey } from './subject-keys.js';

/**
 * subjectKey for many subjects in at most two round trips. The missing keys are made in one insert, which returns
 * the subjects it created: their fresh keys are used as they are (a row this transaction inserted is invisible to
 * an erasure until commit, and an erasure that ran before it left nothing to keep). The keys that existed are read
 * and share-locked (against a concurrent erasure) in one select and unwrapped. Sorted, so batches lock in one order.
 */
export const subjectKeysOf = async (
  tx: Sql,
  keyWrapping: Buffer,
  subjectIds: readonly string[],
): Promise<Map<string, Buffer>> => {
  const subjects = [...new Set(subjectIds)].sort();
  const fresh = subjects.map(() => randomBytes(32));
  const created = await tx.query<{ subject_id: string }>(
    `insert into omnistream.token_subject_keys (subject_id, encrypted_key)
     select s, decode(k, 'base64') from unnest($1::text[], $2::text[]) as n(s, k)
     on conflict (subject_id) do nothing
     returning subject_id`,
    [
      subjects,
      subjects.map((subject, i) =>
        packSealed(seal(keyWrapping, fresh[i]!, aadFor(subject))).toString('base64'),
      ),
    ],
  );
  const keys = new Map<string, Buffer>();
  const freshOf = new Map(subjects.map((subject, i) => [subject, fresh[i]!]));
  for (const row of created) keys.set(row.subject_id, freshOf.get(row.subject_id)!);
  const existing = subjects.filter((subject) => !keys.has(subject));
  if (existing.length > 0) {
    const rows = await tx.query<{ subject_id: string; encrypted_key: Uint8Array }>(
      `select subject_id, encrypted_key from omnistream.token_subject_keys
        where subject_id = any($1::text[]) order by subject_id for share`,
      [existing],
    );
    for (const row of rows)
      keys.set(row.subject_id, unwrapSubjectKey(keyWrapping, row.subject_id, row.encrypted_key));
  }
  for (const subject of subjects)
    if (!keys.has(subject)) throw new Error(`subject key of ${subject} neither inserted nor found`);
  return keys;
};
