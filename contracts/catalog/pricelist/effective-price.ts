import { DomainError } from '@omnistream/kernel';
import { applyDiscount } from './apply-discount.js';
import type { PriceSet, PromotionScheduled } from './pricelist-events.js';

/** What effectivePrice reads of a price entry; a PriceSet's data fits as it is. */
export type PriceEntry = Pick<PriceSet, 'sku' | 'currency' | 'amount' | 'validFrom' | 'validTo'>;

/** What effectivePrice reads of a promotion; a PromotionScheduled's data fits as it is. */
export type PromotionEntry = Pick<
  PromotionScheduled,
  'promotionId' | 'skus' | 'discount' | 'validFrom' | 'validTo'
>;

export interface EffectivePrice {
  readonly sku: string;
  readonly currency: string;
  /** What the customer pays, in minor units: the regular amount after the applied promotion, if any. */
  readonly amount: number;
  /** The price entry's amount, before promotions. */
  readonly regularAmount: number;
  /** The promotion that lowered the price; absent when none did. */
  readonly promotionId?: string;
  /**
   * The first instant after `at` at which the answer may change (the entry or the applied promotion ends, or a
   * later entry or a promotion for the SKU starts); absent when nothing known changes it. A cache may keep the
   * answer until then.
   */
  readonly validUntil?: string;
}

const instant = (value: string | Date): number =>
  typeof value === 'string' ? Date.parse(value) : value.getTime();

/**
 * The price of `sku` at `at`, by the rules the catalog's price list events carry (the meaning of the contract,
 * shared by every context that prices):
 *
 * 1. Of the SKU's entries whose window holds `at` (validFrom <= at < validTo, a null validTo being open-ended),
 *    the one with the latest validFrom applies: a newer price supersedes an older one for as long as it runs.
 *    Equal validFrom can only come from two lists merged into one book; the lower amount applies then.
 * 2. Of the promotions active at `at` (same window rule) that include the SKU, the one giving the lowest price
 *    applies, ties going to the smallest promotionId; a promotion that lowers nothing is not reported.
 * 3. Percent discounts round the discount down to a whole minor unit; no price goes below 0 (applyDiscount).
 *
 * Pass the entries and promotions of one price list, or of lists sharing a market, channel and currency;
 * removed entries and cancelled promotions left out. Undefined when no entry applies: the SKU is not priced.
 */
export const effectivePrice = (
  entries: readonly PriceEntry[],
  promotions: readonly PromotionEntry[],
  sku: string,
  at: string | Date,
): EffectivePrice | undefined => {
  const now = instant(at);
  if (!Number.isFinite(now))
    throw new DomainError('INVALID_TIME', `${JSON.stringify(at)} is not an ISO 8601 time`);
  let nextChange = Number.POSITIVE_INFINITY;
  let entry: { readonly data: PriceEntry; readonly from: number; readonly to: number } | undefined;
  for (const candidate of entries) {
    if (candidate.sku !== sku) continue;
    const from = instant(candidate.validFrom);
    const to = candidate.validTo === null ? Number.POSITIVE_INFINITY : instant(candidate.validTo);
    if (from > now)
      nextChange = Math.min(nextChange, from); // it will supersede whatever applies now
    else if (now < to) {
      const wins =
        entry === undefined ||
        from > entry.from ||
        (from === entry.from && candidate.amount < entry.data.amount);
      if (wins) entry = { data: candidate, from, to };
    }
  }
  if (entry === undefined) return undefined;
  nextChange = Math.min(nextChange, entry.to);

  const regularAmount = entry.data.amount;
  let applied: { readonly promotionId: string; readonly amount: number; readonly to: number } | undefined;
  for (const promotion of promotions) {
    if (!promotion.skus.includes(sku)) continue;
    const from = instant(promotion.validFrom);
    const to = instant(promotion.validTo);
    if (from > now) nextChange = Math.min(nextChange, from);
    else if (now < to) {
      const amount = applyDiscount(regularAmount, promotion.discount);
      const best = applied?.amount ?? regularAmount;
      const wins =
        amount < best ||
        (applied !== undefined && amount === best && promotion.promotionId < applied.promotionId);
      if (wins) applied = { promotionId: promotion.promotionId, amount, to };
    }
  }
  if (applied !== undefined) nextChange = Math.min(nextChange, applied.to);

  return {
    sku,
    currency: entry.data.currency,
    amount: applied?.amount ?? regularAmount,
    regularAmount,
    ...(applied === undefined ? {} : { promotionId: applied.promotionId }),
    ...(Number.isFinite(nextChange) ? { validUntil: new Date(nextChange).toISOString() } : {}),
  };
};
