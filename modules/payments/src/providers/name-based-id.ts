import { createHash } from 'node:crypto';

/** Fixed forever: changing it changes every provider idempotency key and notification event id. */
const PAYMENTS_NAMESPACE = Buffer.from('7061796d-656e-5473-a16e-616d65737061'.replace(/-/g, ''), 'hex');

/**
 * A name-based UUID, version 5 (RFC 9562, section 5.5: SHA-1 over namespace and name). Deterministic, so the same
 * operation always gets the same key, in every process and after every restart. 36 characters: inside Adyen's
 * 64-character limit for Idempotency-Key.
 */
export const nameBasedId = (name: string): string => {
  const hash = createHash('sha1').update(PAYMENTS_NAMESPACE).update(name, 'utf8').digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/** The provider idempotency key of one operation of one payment. */
export const providerIdempotencyKey = (paymentId: string, operation: string, sequence = 1): string =>
  nameBasedId(`payment-${paymentId}/${operation}/${sequence}`);
