import { describe, expect, it } from 'vitest';
import { adyenSignature, isValidAdyenSignature } from './adyen-hmac.js';

// The example notification and key of Adyen's HMAC documentation, with the signature it documents.
const key = '44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056';
const item = {
  pspReference: '7914073381342284',
  merchantAccountCode: 'TestMerchant',
  merchantReference: 'TestPayment-1407325143704',
  amount: { value: 1130, currency: 'EUR' },
  eventCode: 'AUTHORISATION',
  success: 'true',
};

describe("Adyen's notification HMAC", () => {
  it('matches the documented example', () =>
    expect(adyenSignature(key, item)).toBe('coqCmt/IZ4E3CzPvMY8zTjQVL5hYJUiBRg8UU+iCWo0='));

  it('refuses a signature once any signed field changed', () => {
    expect(isValidAdyenSignature(key, item, 'coqCmt/IZ4E3CzPvMY8zTjQVL5hYJUiBRg8UU+iCWo0=')).toBe(true);
    expect(
      isValidAdyenSignature(
        key,
        { ...item, amount: { value: 1131, currency: 'EUR' } },
        'coqCmt/IZ4E3CzPvMY8zTjQVL5hYJUiBRg8UU+iCWo0=',
      ),
    ).toBe(false);
    expect(
      isValidAdyenSignature(
        key,
        { ...item, success: 'false' },
        'coqCmt/IZ4E3CzPvMY8zTjQVL5hYJUiBRg8UU+iCWo0=',
      ),
    ).toBe(false);
    expect(isValidAdyenSignature(key, item, undefined)).toBe(false);
  });
});
