import { DomainError } from '@omnistream/kernel';
import { isLuhnValid, luhnSum } from './luhn.js';

/** Card numbers are 13 to 19 digits (ISO/IEC 7812-1); spaces and dashes people type are dropped. */
export const normalizePan = (pan: string): string => {
  const digits = pan.replace(/[\s-]/g, '');
  if (!/^\d{13,19}$/.test(digits)) throw new DomainError('INVALID_PAN', 'a card number is 13 to 19 digits');
  return digits;
};

/**
 * A token shaped like the card number: the first six (the issuer's BIN) and last four digits kept, so consumers
 * can still route and show `…1111`, the middle replaced by `middleDigits` and one middle digit then chosen so the
 * whole passes Luhn. Returns undefined when the result would equal the real number; the caller draws again.
 * (A shape-only scheme, not NIST FF1: the vault, not the format, is what makes the token reversible.)
 */
export const formatPreservingPanToken = (pan: string, middleDigits: string): string | undefined => {
  const middleLength = pan.length - 10;
  if (middleDigits.length < middleLength || !/^\d+$/.test(middleDigits))
    throw new TypeError(`need ${middleLength} middle digits`);
  const middle = middleDigits.slice(0, middleLength).split('');
  // The first middle digit is the one fixed up; its position from the right decides whether it gets doubled.
  const fixIndex = 6;
  const doubled = (pan.length - 1 - fixIndex) % 2 === 1;
  const withZero = `${pan.slice(0, 6)}0${middle.slice(1).join('')}${pan.slice(-4)}`;
  const missing = (10 - (luhnSum(withZero) % 10)) % 10;
  // Doubling maps 0..9 onto 0,2,4,6,8,1,3,5,7,9: find the digit whose contribution is the missing amount.
  const digit = doubled ? [0, 5, 1, 6, 2, 7, 3, 8, 4, 9][missing] : missing;
  middle[0] = String(digit);
  const token = `${pan.slice(0, 6)}${middle.join('')}${pan.slice(-4)}`;
  if (token === pan || !isLuhnValid(token)) return undefined;
  return token;
};
