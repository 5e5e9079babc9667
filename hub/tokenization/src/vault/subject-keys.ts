import { randomBytes } from './random-bytes.js';
import type { Sql } from '@omnistream/event-store';
import { DomainError } from '@omnistream/kernel';
import { open, packSealed, seal, unpackSealed } from './aes-gcm.js';

export const aadFor = (subjectId: string): string => `subject-key:${subjectId}`;

/** The master key in use did not wrap this subject's key: a configuration error, never the caller's. */
export const keyMismatch = (): DomainError =>
  new DomainError(
    'TOKEN_VAULT_KEY_MISMATCH',
    'the vault cannot open a data key with the configured master key (wrong key or tampered row)',
  );

export const unwrapSubjectKey = (keyWrapping: Buffer, subjectId: string, encrypted: Uint8Array): Buffer => {
  const key = open(keyWrapping, unpackSealed(encrypted), aadFor(subjectId));
  if (key === undefined) throw keyMismatch();
  return key;
};

/**
 * The subject's data key, made on first use, and share-locked for the rest of the caller's transaction so that an
 * erasure running at the same time cannot delete it between our read and our writes of ciphertexts under it.
 * Concurrent first uses race on the primary key; the loser reads the winner's key, so a subject never has two.
 * Call it inside a transaction.
 */
export const subjectKey = async (tx: Sql, keyWrapping: Buffer, subjectId: string): Promise<Buffer> => {
  const fresh = randomBytes(32);
  await tx.query(
    `insert into omnistream.token_subject_keys (subject_id, encrypted_key) values ($1, $2)
     on conflict (subject_id) do nothing`,
    [subjectId, packSealed(seal(keyWrapping, fresh, aadFor(subjectId)))],
  );
  const rows = await tx.query<{ encrypted_key: Uint8Array }>(
    'select encrypted_key from omnistream.token_subject_keys where subject_id = $1 for share',
    [subjectId],
  );
  const stored = rows[0];
  if (stored === undefined) throw new Error('subject key neither inserted nor found');
  return unwrapSubjectKey(keyWrapping, subjectId, stored.encrypted_key);
};
