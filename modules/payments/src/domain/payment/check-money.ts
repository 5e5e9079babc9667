import { DomainError } from '@omnistream/kernel';

/** Largest amount we accept: 10^11 minor units (a billion in a two-decimal currency), well inside 2^53. */
export const MAX_AMOUNT = 100_000_000_000;

export const checkAmount = (amount: number, what = 'amount'): number => {
  if (!Number.isSafeInteger(amount) || amount < 1 || amount > MAX_AMOUNT)
    throw new DomainError(
      'INVALID_PAYMENT_AMOUNT',
      `${what} must be a whole number of minor units from 1 to ${MAX_AMOUNT}, got ${amount}`,
      { amount },
    );
  return amount;
};

export const checkCurrency = (currency: string): string => {
  if (!/^[A-Z]{3}$/.test(currency))
    throw new DomainError(
      'INVALID_PAYMENT_CURRENCY',
      `currency must be an ISO 4217 code in capitals such as EUR, got "${currency}"`,
      { currency },
    );
  return currency;
};

/** Money moves only in the payment's own currency: a mismatch is refused, never converted. */
export const checkSameCurrency = (expected: string, given: string | undefined): void => {
  if (given !== undefined && given !== expected)
    throw new DomainError(
      'PAYMENT_CURRENCY_MISMATCH',
      `the payment is in ${expected}; an amount in ${given} cannot be applied to it`,
      { expected, given },
    );
};
