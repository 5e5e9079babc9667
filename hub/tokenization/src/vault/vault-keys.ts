import { hkdfSync } from 'node:crypto';
import { DomainError } from '@omnistream/kernel';

export interface VaultKeys {
  /** Wraps each data subject's key (AES-256-GCM). */
  readonly keyWrapping: Buffer;
  /** HMAC-SHA256 key for deterministic tokens. */
  readonly deterministicTokens: Buffer;
  /** HMAC-SHA256 key for the fingerprints that tell deterministic collisions apart. */
  readonly fingerprints: Buffer;
}

const derive = (master: Buffer, info: string): Buffer =>
  Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));

/**
 * One key per purpose, derived from the master key with HKDF (RFC 5869), so a key is never used for two things.
 * The info labels are part of the stored format: changing one makes every stored token unreadable or unjoinable.
 */
export const deriveVaultKeys = (masterKeyHex: string): VaultKeys => {
  if (!/^[0-9a-fA-F]{64}$/.test(masterKeyHex))
    throw new DomainError(
      'INVALID_MASTER_KEY',
      'the tokenization master key must be 32 bytes as 64 hex characters',
    );
  const master = Buffer.from(masterKeyHex, 'hex');
  return Object.freeze({
    keyWrapping: derive(master, 'omnistream/tokenization/key-wrapping/v1'),
    deterministicTokens: derive(master, 'omnistream/tokenization/deterministic-token/v1'),
    fingerprints: derive(master, 'omnistream/tokenization/fingerprint/v1'),
  });
};
