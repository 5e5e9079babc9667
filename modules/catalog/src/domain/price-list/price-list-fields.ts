import { DomainError } from '@omnistream/kernel';
import type { Discount } from '@omnistream/contracts/catalog';
import { checkSku } from '../check-sku.js';
import { checkName } from '../check-name.js';
import { parseInstant } from '../parse-instant.js';
import type { StoredPromotion } from './price-list-state.js';

// The rules of the pricelist contracts, checked with reasons a client can act on.
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MARKET = /^[A-Z]{2}$/;
const CHANNEL = /^[a-z][a-z0-9_-]{0,31}$/;
const CURRENCY = /^[A-Z]{3}$/;
const MAX_PROMOTION_SKUS = 10_000;

export const checkId = (value: unknown, code: string, what: string): string => {
  if (typeof value === 'string' && ID.test(value)) return value;
  throw new DomainError(
    code,
    `${what} ${JSON.stringify(value)} must be a letter or digit, then up to 63 letters, digits or ._-`,
  );
};

export const checkMarket = (value: unknown): string => {
  if (typeof value === 'string' && MARKET.test(value)) return value;
  throw new DomainError(
    'INVALID_MARKET',
    `market ${JSON.stringify(value)} must be an ISO 3166-1 alpha-2 country code in capitals, e.g. GB`,
  );
};

export const checkChannel = (value: unknown): string => {
  if (typeof value === 'string' && CHANNEL.test(value)) return value;
  throw new DomainError(
    'INVALID_CHANNEL',
    `channel ${JSON.stringify(value)} must be lower-case letters, digits, _ or - (at most 32, starting with a letter), e.g. web, app, marketplace, store`,
  );
};

export const checkCurrency = (value: unknown): string => {
  if (typeof value === 'string' && CURRENCY.test(value)) return value;
  throw new DomainError(
    'INVALID_CURRENCY',
    `currency ${JSON.stringify(value)} must be an ISO 4217 code in capitals, e.g. GBP`,
  );
};

/** Money is whole minor units (DESIGN.md "HTTP conventions"): 12.99 GBP is 1299. */
export const checkAmount = (value: unknown, minimum: number, field = 'amount'): number => {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= minimum) return value;
  throw new DomainError(
    'INVALID_AMOUNT',
    `${field} ${JSON.stringify(value)} must be a whole number of minor units >= ${minimum} (12.99 GBP is 1299)`,
    { field },
  );
};

export interface ValidityWindow {
  readonly validFrom: string;
  readonly validTo: string | null;
}

/** Canonical UTC times, validTo after validFrom; a null validTo is open-ended. */
export const checkWindow = (validFrom: unknown, validTo: unknown): ValidityWindow => {
  const from = parseInstant(validFrom, 'validFrom');
  if (validTo === null) return { validFrom: from, validTo: null };
  const to = parseInstant(validTo, 'validTo');
  if (to <= from)
    // canonical forms of years 1970-9999 sort as text in time order
    throw new DomainError(
      'INVALID_VALIDITY_WINDOW',
      `validTo (${to}) must be after validFrom (${from}); the window runs from validFrom up to, not including, validTo`,
      { validFrom: from, validTo: to },
    );
  return { validFrom: from, validTo: to };
};

/** A discount names the one figure of its kind: a percent discount with an amount too is a mistake to report. */
const only = (given: Record<string, unknown>, figure: string, discount: Discount): Discount => {
  const extra = Object.keys(given).find((key) => key !== 'kind' && key !== figure);
  if (extra !== undefined)
    throw new DomainError(
      'INVALID_DISCOUNT',
      `a ${discount.kind} discount takes kind and ${figure} only, not ${extra}`,
    );
  return discount;
};

export const checkDiscount = (value: unknown): Discount => {
  const discount = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (discount.kind === 'percent') {
    const percent = discount.percent;
    if (typeof percent === 'number' && Number.isInteger(percent) && percent >= 1 && percent <= 100)
      return only(discount, 'percent', { kind: 'percent', percent });
    throw new DomainError(
      'INVALID_DISCOUNT',
      'a percent discount takes percent, a whole number from 1 to 100',
    );
  }
  if (discount.kind === 'amount_off')
    return only(discount, 'amount', {
      kind: 'amount_off',
      amount: checkAmount(discount.amount, 1, 'discount.amount'),
    });
  throw new DomainError(
    'INVALID_DISCOUNT',
    'discount is {"kind": "percent", "percent": 1..100} or {"kind": "amount_off", "amount": minor units >= 1}',
  );
};

export const checkPromotionSkus = (value: unknown): readonly string[] => {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_PROMOTION_SKUS)
    throw new DomainError('INVALID_PROMOTION_SKUS', `a promotion names 1 to ${MAX_PROMOTION_SKUS} SKUs`);
  const skus = value.map((sku: unknown, index) => checkSku(sku, `skus[${index}]`));
  const seen = new Set<string>();
  for (const sku of skus) {
    if (seen.has(sku))
      throw new DomainError('INVALID_PROMOTION_SKUS', `SKU ${sku} is listed twice; name each SKU once`, {
        sku,
      });
    seen.add(sku);
  }
  return skus;
};

/** A promotion to schedule: every field checked, times canonical; it must end. */
export const checkPromotion = (
  data: Omit<StoredPromotion, 'cancelled'>,
): Omit<StoredPromotion, 'cancelled'> => {
  if (typeof data.validTo !== 'string')
    throw new DomainError('INVALID_VALIDITY_WINDOW', 'a promotion needs validTo: when it ends');
  const window = checkWindow(data.validFrom, data.validTo);
  return {
    promotionId: checkId(data.promotionId, 'INVALID_PROMOTION_ID', 'promotionId'),
    name: checkName(data.name, 'INVALID_PROMOTION_NAME', 'a promotion'),
    skus: checkPromotionSkus(data.skus),
    discount: checkDiscount(data.discount),
    validFrom: window.validFrom,
    validTo: window.validTo ?? data.validTo,
  };
};
