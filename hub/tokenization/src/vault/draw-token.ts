import { createHmac } from 'node:crypto';
import { randomBytes } from './random-bytes.js';
import { formatPreservingPanToken } from '../formats/format-preserving-pan-token.js';
import type { SensitiveKind } from '../sensitive-kind.js';

/** Where a token's bytes come from: fresh randomness, or a keyed hash of field and value (deterministic). */
export type TokenSource =
  | { readonly type: 'random' }
  | { readonly type: 'deterministic'; readonly key: Buffer; readonly field: string };

/** An endless byte stream: HMAC-SHA256 blocks over (message, block number), or random bytes. */
const byteStream = (source: TokenSource, value: string, attempt: number): ((n: number) => Buffer) => {
  if (source.type === 'random') return (n) => randomBytes(n);
  let block = 0;
  return (n) => {
    const blocks: Buffer[] = [];
    let length = 0;
    while (length < n) {
      // NUL separators keep (field, value, attempt) unambiguous. Stored format: never change it.
      const mac = createHmac('sha256', source.key)
        .update(`${source.field}\0${value}\0${attempt}\0${block}`, 'utf8')
        .digest();
      block += 1;
      blocks.push(mac);
      length += mac.length;
    }
    return Buffer.concat(blocks).subarray(0, n);
  };
};

/** Decimal digits without modulo bias: bytes of 250 and above are skipped (rejection sampling). */
const digits = (bytes: (n: number) => Buffer, count: number): string => {
  let out = '';
  while (out.length < count) {
    for (const byte of bytes(count * 2)) if (byte < 250 && out.length < count) out += String(byte % 10);
  }
  return out;
};

/**
 * Candidate token number `attempt` for a value. Card numbers get a format-preserving token (`pan` is already
 * normalised to digits); everything else `tok_` and 32 base64url characters (192 bits). The same source, value
 * and attempt always give the same candidate when deterministic; the vault moves to the next attempt on a
 * collision.
 */
export const drawToken = (
  kind: SensitiveKind,
  value: string,
  source: TokenSource,
  attempt: number,
): string => {
  const bytes = byteStream(source, value, attempt);
  if (kind !== 'pan') return `tok_${bytes(24).toString('base64url')}`;
  // The middle digits can come out equal to the real ones; then draw again from the same stream.
  for (;;) {
    const token = formatPreservingPanToken(value, digits(bytes, value.length - 10));
    if (token !== undefined) return token;
  }
};
