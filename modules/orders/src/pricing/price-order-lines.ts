import { DomainError } from '@omnistream/kernel';
import {
  effectivePrice,
  type PriceEntry,
  type PriceSet,
  type PromotionEntry,
  type PromotionScheduled,
} from '@omnistream/contracts/catalog';
import type { OrderLine } from '@omnistream/contracts/orders';
import type { Sql } from '@omnistream/event-store';
import { readModel } from '@omnistream/projections';
import { ORDER_PRICE_PROJECTION, priceScope } from '../read-models/order-price-projection.js';

export interface LineRequest {
  readonly lineId: string;
  readonly sku: string;
  readonly quantity: number;
}

/**
 * Prices each line at `at` from orders' copy of the catalog price lists (effectivePrice: the catalog's rule), or
 * refuses the whole order: CURRENCY_MISMATCH when no price list sells in that currency for the market and channel,
 * SKU_NOT_PRICED naming every SKU without a price then.
 */
export const priceOrderLines = async (
  database: Sql,
  scope: { market: string; channel: string; currency: string },
  lines: readonly LineRequest[],
  at: string,
): Promise<OrderLine[]> => {
  const key = priceScope(scope);
  const skus = [...new Set(lines.map((l) => l.sku))];
  const { known, prices, promotions } = await readModel(database, ORDER_PRICE_PROJECTION, async ({ t }) => ({
    known: await database.query(`select 1 from ${t('scopes')} where scope = $1`, [key]),
    prices: await database.query<{ price: PriceSet }>(
      `select price from ${t('prices')} where scope = $1 and sku = any($2::text[])`,
      [key, skus],
    ),
    promotions: await database.query<{ promotion: PromotionScheduled }>(
      `select promotion from ${t('promotions')} where scope = $1`,
      [key],
    ),
  }));
  if (known.length === 0)
    throw new DomainError(
      'CURRENCY_MISMATCH',
      `no price list sells in ${scope.currency} for market ${scope.market} and channel ${scope.channel}`,
      // Named fields only: callers pass the whole order here, payment token included, and details are answered.
      { market: scope.market, channel: scope.channel, currency: scope.currency },
    );
  const entries: PriceEntry[] = prices.map((row) => row.price);
  const offers: PromotionEntry[] = promotions.map((row) => row.promotion);
  const priced = lines.map((line) => ({ line, price: effectivePrice(entries, offers, line.sku, at) }));
  const unpriced = priced.filter((p) => p.price === undefined).map((p) => p.line.sku);
  if (unpriced.length > 0)
    throw new DomainError(
      'SKU_NOT_PRICED',
      `no ${scope.currency} price for ${[...new Set(unpriced)].join(', ')} in market ${scope.market}, channel ${scope.channel}`,
      { skus: [...new Set(unpriced)] },
    );
  return priced.map(({ line, price }) => {
    const unitPrice = price?.amount ?? 0;
    return {
      lineId: line.lineId,
      sku: line.sku,
      quantity: line.quantity,
      unitPrice,
      regularUnitPrice: price?.regularAmount ?? 0,
      ...(price?.promotionId === undefined ? {} : { promotionId: price.promotionId }),
      lineTotal: unitPrice * line.quantity,
    };
  });
};
