import { createCipheriv, createDecipheriv } from 'node:crypto';
import { randomBytes } from './random-bytes.js';

export interface Sealed {
  readonly ciphertext: Buffer;
  readonly iv: Buffer;
  readonly tag: Buffer;
}

/**
 * AES-256-GCM with a fresh 96-bit IV per message (NIST SP 800-38D 8.2.2) and associated data binding the
 * ciphertext to where it is stored, so a ciphertext copied onto another row or subject fails to open.
 */
export const seal = (key: Buffer, plaintext: Buffer, aad: string): Sealed => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext, iv, tag: cipher.getAuthTag() };
};

/** Undefined when the key is wrong or anything was tampered with: GCM's tag does not verify. */
export const open = (key: Buffer, sealed: Sealed, aad: string): Buffer | undefined => {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
  } catch {
    return undefined;
  }
};

/** Wrapped keys are stored in one column as iv (12) ‖ tag (16) ‖ ciphertext. Never change this layout. */
export const packSealed = (sealed: Sealed): Buffer =>
  Buffer.concat([sealed.iv, sealed.tag, sealed.ciphertext]);

export const unpackSealed = (packed: Uint8Array): Sealed => {
  const bytes = Buffer.from(packed);
  return { iv: bytes.subarray(0, 12), tag: bytes.subarray(12, 28), ciphertext: bytes.subarray(28) };
};
