import type { SensitiveKind } from '../sensitive-kind.js';

const stars = (n: number): string => '*'.repeat(Math.max(n, 0));

/**
 * What a `mask` policy shows: enough to recognise a value, not enough to use it. Card numbers keep what is printed
 * on receipts anyway (first six, last four, PCI DSS 3.4); phones their last four digits; emails the first letter
 * and the domain; anything else its first character.
 */
export const maskValue = (kind: SensitiveKind, value: string): string => {
  switch (kind) {
    case 'pan': {
      const digits = value.replace(/[\s-]/g, '');
      return digits.length < 13
        ? stars(digits.length)
        : `${digits.slice(0, 6)}${stars(digits.length - 10)}${digits.slice(-4)}`;
    }
    case 'email': {
      const at = value.lastIndexOf('@');
      if (at < 1) return '***';
      return `${value.slice(0, 1)}***${value.slice(at)}`;
    }
    case 'phone': {
      // Every digit but the last four becomes a star; separators stay, so the number keeps its familiar look.
      const total = (value.match(/\d/g) ?? []).length;
      let seen = 0;
      return value.replace(/\d/g, (digit) => (++seen > total - 4 ? digit : '*'));
    }
    case 'pii':
      return value.length === 0 ? '***' : `${[...value][0] ?? ''}***`;
  }
};
