import { createHash } from 'node:crypto';
import { canonicalJson } from '@omnistream/kernel';

/**
 * What makes two publishes "the same" for an idempotency key: SHA-256 (hex) of the canonical JSON of the payload,
 * so a retry that serialises its object keys in another order still matches. Stored in `hub_dedup.fingerprint`:
 * changing this function makes every stored key look reused, so it must never change.
 */
export const fingerprintOf = (value: unknown): string =>
  createHash('sha256')
    // JSON has no `undefined`: a missing payload hashes like `null`, which is what a JSON client would resend.
    .update(canonicalJson(value === undefined ? null : value))
    .digest('hex');
