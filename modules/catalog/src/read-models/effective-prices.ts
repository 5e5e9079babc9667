import { DomainError } from '@omnistream/kernel';
import type { Sql } from '@omnistream/event-store';
import {
  effectivePrice,
  type Discount,
  type EffectivePrice,
  type PriceEntry,
  type PromotionEntry,
} from '@omnistream/contracts/catalog';
import { readModel } from '@omnistream/projections';
import { isoUtc } from './iso-utc.js';
import { PRICE_PROJECTION } from './price-projection.js';

export interface EffectivePriceQuery {
  readonly skus: readonly string[];
  readonly market: string;
  readonly channel: string;
  /** Needed only when the market and channel have lists in more than one currency. */
  readonly currency?: string;
  /** Canonical ISO 8601 UTC. */
  readonly at: string;
}

export interface EffectivePrices {
  /** Absent when no price list serves the market and channel. */
  readonly currency?: string;
  readonly prices: readonly EffectivePrice[];
  /** The SKUs asked for that have no price at that time, in the order asked. */
  readonly notPriced: readonly string[];
}

/**
 * Effective prices of some SKUs in one market and channel at one time, by the contract's rule (effectivePrice).
 * Lists sharing a market, channel and currency form one price book: their entries and promotions are pooled.
 * Only entries and promotions still running at `at` or starting later are read; the later ones tell when the
 * answer changes (validUntil).
 */
export const effectivePrices = (sql: Sql, query: EffectivePriceQuery): Promise<EffectivePrices> =>
  readModel(sql, PRICE_PROJECTION, async ({ t }) => {
    const currencies = (
      await sql.query<{ currency: string }>(
        `select distinct currency from ${t('lists')}
          where market = $1 and channel = $2 and ($3::text is null or currency = $3) order by currency`,
        [query.market, query.channel, query.currency ?? null],
      )
    ).map((row) => row.currency);
    if (currencies.length > 1)
      throw new DomainError(
        'CURRENCY_REQUIRED',
        `market ${query.market} channel ${query.channel} has price lists in ${currencies.join(', ')}; pass currency=`,
        { currencies },
      );
    const [currency] = currencies;
    if (currency === undefined) return { prices: [], notPriced: [...query.skus] };

    const scope = [query.market, query.channel, currency, JSON.stringify(query.skus), query.at];
    const entries = await sql.query<{
      sku: string;
      amount: string;
      valid_from: string;
      valid_to: string | null;
    }>(
      `select sku, amount::text as amount, ${isoUtc('valid_from')} as valid_from, ${isoUtc('valid_to')} as valid_to
         from ${t('prices')}
        where market = $1 and channel = $2 and currency = $3
          and sku in (select jsonb_array_elements_text($4::text::jsonb))
          and (valid_to is null or valid_to > $5::timestamptz)`,
      scope,
    );
    const promotions = await sql.query<{
      promotion_id: string;
      discount: string;
      skus: string;
      valid_from: string;
      valid_to: string;
    }>(
      `select p.promotion_id, p.discount::text as discount, json_agg(s.sku)::text as skus,
              ${isoUtc('p.valid_from')} as valid_from, ${isoUtc('p.valid_to')} as valid_to
         from ${t('promotion_skus')} s
         join ${t('promotions')} p using (price_list_id, promotion_id)
        where s.market = $1 and s.channel = $2 and p.currency = $3
          and s.sku in (select jsonb_array_elements_text($4::text::jsonb))
          and not p.cancelled and p.valid_to > $5::timestamptz
        group by p.price_list_id, p.promotion_id, p.discount, p.valid_from, p.valid_to`,
      scope,
    );

    const priceEntries: PriceEntry[] = entries.map((row) => ({
      sku: row.sku,
      currency,
      amount: Number(row.amount),
      validFrom: row.valid_from,
      validTo: row.valid_to,
    }));
    const promotionEntries: PromotionEntry[] = promotions.map((row) => ({
      promotionId: row.promotion_id,
      skus: JSON.parse(row.skus) as string[],
      discount: JSON.parse(row.discount) as Discount,
      validFrom: row.valid_from,
      validTo: row.valid_to,
    }));
    const prices: EffectivePrice[] = [];
    const notPriced: string[] = [];
    for (const sku of query.skus) {
      const price = effectivePrice(
        priceEntries.filter((entry) => entry.sku === sku),
        promotionEntries.filter((promotion) => promotion.skus.includes(sku)),
        sku,
        query.at,
      );
      if (price === undefined) notPriced.push(sku);
      else prices.push(price);
    }
    return { currency, prices, notPriced };
  });
