import { describe, expect, it } from 'vitest';
import { fingerprintOf } from './fingerprint-of.js';

describe('fingerprintOf', () => {
  it('is a SHA-256 hex digest', () => {
    expect(fingerprintOf({ sku: 'A' })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores the order object keys were written in, at any depth', () => {
    expect(fingerprintOf({ a: 1, b: { c: [1, { d: 2, e: 3 }], f: null } })).toBe(
      fingerprintOf({ b: { f: null, c: [1, { e: 3, d: 2 }] }, a: 1 }),
    );
  });

  it('tells different payloads apart, including array order', () => {
    expect(fingerprintOf({ sku: 'A' })).not.toBe(fingerprintOf({ sku: 'B' }));
    expect(fingerprintOf([1, 2])).not.toBe(fingerprintOf([2, 1]));
  });

  it('never changes for a stored payload, because stored keys are compared with it', () => {
    expect(fingerprintOf({ b: 2, a: 1 })).toBe(
      '43258cff783fe7036d8a43033f830adfc60ec037382473548ac742b888292777',
    );
  });
});
