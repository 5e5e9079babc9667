import { describe, expect, it } from 'vitest';
import { createDetokenizePolicies, type DetokenizePoliciesConfig } from './create-detokenize-policies.js';

describe('createDetokenizePolicies', () => {
  const policies = createDetokenizePolicies({
    'fraud-service': { pan: 'reveal', default: 'mask' },
    'support-desk': { email: 'mask', phone: 'deny' },
  });

  it('answers the policy a consumer has for a kind, then its default, then redact', () => {
    expect(policies.policyFor('fraud-service', 'pan')).toBe('reveal');
    expect(policies.policyFor('fraud-service', 'email')).toBe('mask');
    expect(policies.policyFor('support-desk', 'email')).toBe('mask');
    expect(policies.policyFor('support-desk', 'pii')).toBe('redact');
    expect(policies.policyFor('support-desk', 'phone')).toBe('deny');
  });

  it('denies consumers it does not know', () => {
    expect(policies.policyFor('someone-else', 'pii')).toBe('deny');
  });

  it('rejects unknown kinds and policies when it is made, not when it is used', () => {
    const unknownKind = { c: { iban: 'reveal' } } as unknown as DetokenizePoliciesConfig;
    const unknownPolicy = { c: { pan: 'show' } } as unknown as DetokenizePoliciesConfig;
    for (const config of [unknownKind, unknownPolicy])
      expect(() => createDetokenizePolicies(config)).toThrow(
        expect.objectContaining({ code: 'INVALID_TOKENIZATION_POLICY' }) as Error,
      );
  });
});
