import { describe, expect, it } from 'vitest';
import { isDomainError } from '@omnistream/kernel';
import { chooseProvider } from './choose-provider.js';
import { parsePaymentsConfig } from './parse-payments-config.js';

const adyen = {
  baseUrl: 'https://checkout-test.adyen.com/v71',
  apiKey: 'key',
  merchantAccount: 'OmnistreamNL',
  hmacKey: '44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056',
  returnUrl: 'https://shop.example.com/return',
};

const refusal = (input: unknown): string => {
  try {
    parsePaymentsConfig(input);
  } catch (error) {
    if (isDomainError(error, 'INVALID_PAYMENTS_CONFIG')) return error.message;
    throw error;
  }
  throw new Error('expected the config to be refused');
};

describe('the payments config', () => {
  it('defaults to the sandbox for every market and method', () => {
    const config = parsePaymentsConfig();
    expect(config.defaultProvider).toBe('sandbox');
    expect(chooseProvider(config, 'NL', 'card')).toBe('sandbox');
    expect(Object.isFrozen(config.providers)).toBe(true);
  });

  it('routes by market and method, first match first, then the default', () => {
    const config = parsePaymentsConfig({
      routes: [
        { market: 'NL', method: 'card', provider: 'adyen' },
        { method: 'klarna', provider: 'adyen' },
      ],
      providers: { adyen },
    });
    expect(chooseProvider(config, 'NL', 'card')).toBe('adyen');
    expect(chooseProvider(config, 'GB', 'klarna')).toBe('adyen');
    expect(chooseProvider(config, 'GB', 'card')).toBe('sandbox');
  });

  it('refuses unknown keys with their path', () => {
    expect(refusal({ rutes: [] })).toMatch(/rutes/);
    expect(refusal({ providers: { adyen: { ...adyen, apiKye: 'x' } } })).toMatch(/\/providers\/adyen/);
  });

  it('refuses a route to a provider that is not configured', () =>
    expect(refusal({ routes: [{ market: 'NL', provider: 'adyen' }] })).toMatch(
      /providers.adyen is not configured/,
    ));

  it('refuses an HMAC key that is not hex', () =>
    expect(refusal({ providers: { adyen: { ...adyen, hmacKey: 'not-hex' } } })).toMatch(/hmacKey/));

  it('refuses a market that is not a country code', () =>
    expect(refusal({ routes: [{ market: 'nl', provider: 'sandbox' }] })).toMatch(/market/));
});
