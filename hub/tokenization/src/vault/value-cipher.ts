import type { SensitiveKind } from '../sensitive-kind.js';
import { open, seal, type Sealed } from './aes-gcm.js';

/**
 * A value sealed under its subject's data key, bound (as GCM associated data) to its token, field and kind, so a
 * ciphertext moved onto another token's row does not open. Stored format: never change the binding.
 */
const aad = (token: string, field: string, kind: SensitiveKind): string =>
  `token:${token}\0${field}\0${kind}`;

export interface ValuePlace {
  readonly token: string;
  readonly field: string;
  readonly kind: SensitiveKind;
}

export const sealValue = (dataKey: Buffer, place: ValuePlace, value: string): Sealed =>
  seal(dataKey, Buffer.from(value, 'utf8'), aad(place.token, place.field, place.kind));

/** Undefined when the data key is not the one it was sealed under, or the row was tampered with. */
export const openValue = (dataKey: Buffer, place: ValuePlace, sealed: Sealed): string | undefined =>
  open(dataKey, sealed, aad(place.token, place.field, place.kind))?.toString('utf8');
