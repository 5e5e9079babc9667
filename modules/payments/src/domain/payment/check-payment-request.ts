import { DomainError } from '@omnistream/kernel';
import { checkAmount, checkCurrency } from './check-money.js';
import type { AuthorisePaymentData } from './payment-commands.js';

export const PAYMENT_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$';
const PAYMENT_ID = new RegExp(PAYMENT_ID_PATTERN);
const MARKET = /^[A-Z]{2}$/;
const NAME = /^[a-z][a-z0-9_-]{0,31}$/;

/** Ids of payments, captures and refunds: they appear in stream ids and provider references, so no dots or colons. */
export const checkId = (value: string, what: string, code: string): string => {
  if (!PAYMENT_ID.test(value))
    throw new DomainError(
      code,
      `${what} must be 1 to 64 letters, digits, _ or -, starting with a letter or digit`,
      {
        [what]: value,
      },
    );
  return value;
};

/** The rules of an authorisation request, with messages a caller can act on. */
export const checkPaymentRequest = (data: AuthorisePaymentData): void => {
  checkId(data.paymentId, 'paymentId', 'INVALID_PAYMENT_ID');
  if (data.orderId.length < 1 || data.orderId.length > 128)
    throw new DomainError('INVALID_ORDER_ID', 'orderId must be 1 to 128 characters');
  checkAmount(data.amount);
  checkCurrency(data.currency);
  if (!MARKET.test(data.market))
    throw new DomainError(
      'INVALID_MARKET',
      `market must be an ISO 3166-1 alpha-2 code such as NL, got "${data.market}"`,
    );
  if (!NAME.test(data.method))
    throw new DomainError(
      'INVALID_PAYMENT_METHOD',
      `payment method type must be lower-case letters, digits, _ or - (card, paypal), got "${data.method}"`,
    );
  if (!NAME.test(data.provider))
    throw new DomainError(
      'INVALID_PAYMENT_PROVIDER',
      `provider must be a lower-case name, got "${data.provider}"`,
    );
};
