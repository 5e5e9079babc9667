import type { Sql } from '@omnistream/event-store';
import { DomainError } from '@omnistream/kernel';
import type { SensitiveKind } from '../sensitive-kind.js';
import { drawToken, type TokenSource } from './draw-token.js';
import { sealValue } from './value-cipher.js';

export interface TokenToStore {
  readonly subjectId: string;
  readonly field: string;
  readonly kind: SensitiveKind;
  /** Normalised already (card numbers as bare digits). */
  readonly value: string;
  readonly source: TokenSource;
  /** Keyed HMAC of field and value; set exactly when the source is deterministic. */
  readonly fingerprint: Buffer | null;
}

/**
 * Gives up rather than loop when the candidate space is this crowded. The smallest is a 13-digit card's: three
 * middle digits, one fixed by Luhn, so 100 tokens per first six and last four.
 */
const MAX_ATTEMPTS = 32;

/**
 * Draws a token and stores the sealed value under it, in the caller's transaction, with the subject's data key.
 * `on conflict do nothing` makes a deterministic token idempotent across calls and processes; a conflict with a
 * different fingerprint (or a random token already taken) is a collision, and the next candidate is drawn.
 */
export const storeToken = async (tx: Sql, dataKey: Buffer, request: TokenToStore): Promise<string> => {
  const { subjectId, field, kind, value, source, fingerprint } = request;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const token = drawToken(kind, value, source, attempt);
    const sealed = sealValue(dataKey, { token, field, kind }, value);
    const inserted = await tx.query(
      `insert into omnistream.tokens (token, subject_id, field, kind, ciphertext, iv, tag, fingerprint)
       values ($1, $2, $3, $4, $5, $6, $7, $8)
       on conflict (token) do nothing
       returning 1`,
      [token, subjectId, field, kind, sealed.ciphertext, sealed.iv, sealed.tag, fingerprint],
    );
    if (inserted.length > 0) return token;
    if (fingerprint === null) continue; // a random token already taken
    const [existing] = await tx.query<{ fingerprint: Uint8Array | null; shredded: boolean }>(
      'select fingerprint, ciphertext is null as shredded from omnistream.tokens where token = $1',
      [token],
    );
    if (existing?.fingerprint == null || !fingerprint.equals(Buffer.from(existing.fingerprint))) continue;
    if (!existing.shredded) return token; // stored before, by this process or another
    // Its subject was erased and the value comes back: the token lives again, under this subject's key.
    await tx.query(
      `update omnistream.tokens set subject_id = $2, ciphertext = $3, iv = $4, tag = $5
       where token = $1 and ciphertext is null`,
      [token, subjectId, sealed.ciphertext, sealed.iv, sealed.tag],
    );
    return token;
  }
  throw new DomainError('TOKEN_SPACE_EXHAUSTED', `no free token after ${MAX_ATTEMPTS} attempts`, { field });
};
