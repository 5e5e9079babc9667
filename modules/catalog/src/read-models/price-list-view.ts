import type { Sql } from '@omnistream/event-store';
import type { Discount } from '@omnistream/contracts/catalog';
import { readModel } from '@omnistream/projections';
import { isoUtc } from './iso-utc.js';
import { PRICE_PROJECTION } from './price-projection.js';

export interface PromotionView {
  readonly promotionId: string;
  readonly name: string;
  readonly skus: readonly string[];
  readonly discount: Discount;
  readonly validFrom: string;
  readonly validTo: string;
  readonly status: 'scheduled' | 'cancelled';
}

export interface PriceListView {
  readonly priceListId: string;
  readonly name: string;
  readonly market: string;
  readonly channel: string;
  readonly currency: string;
  /** The price list stream's version: the ETag, and the If-Match of the next change. */
  readonly version: number;
  readonly createdAt: string;
  readonly promotions: readonly PromotionView[];
}

export interface PriceEntryView {
  readonly sku: string;
  readonly amount: number;
  readonly validFrom: string;
  readonly validTo: string | null;
}

/** A page of entries; `after` is the (sku, validFrom) to continue after, absent on the last page. */
export interface PriceEntryPage {
  readonly items: readonly PriceEntryView[];
  readonly after?: { readonly sku: string; readonly validFrom: string };
}

interface PromotionRow {
  promotion_id: string;
  name: string;
  skus: string;
  discount: string;
  valid_from: string;
  valid_to: string;
  cancelled: boolean;
}

/** Reads of price lists, their promotions and their entries (always the active version). */
export const priceListView = (sql: Sql) => ({
  find: (priceListId: string): Promise<PriceListView | undefined> =>
    readModel(sql, PRICE_PROJECTION, async ({ t }) => {
      const [list] = await sql.query<{
        price_list_id: string;
        name: string;
        market: string;
        channel: string;
        currency: string;
        version: number;
        created_at: string;
      }>(
        `select price_list_id, name, market, channel, currency, version, ${isoUtc('created_at')} as created_at
           from ${t('lists')} where price_list_id = $1`,
        [priceListId],
      );
      if (list === undefined) return undefined;
      const promotions = await sql.query<PromotionRow>(
        `select promotion_id, name, skus::text as skus, discount::text as discount, cancelled,
                ${isoUtc('valid_from')} as valid_from, ${isoUtc('valid_to')} as valid_to
           from ${t('promotions')} where price_list_id = $1 order by valid_from, promotion_id`,
        [priceListId],
      );
      return {
        priceListId: list.price_list_id,
        name: list.name,
        market: list.market,
        channel: list.channel,
        currency: list.currency,
        version: Number(list.version),
        createdAt: list.created_at,
        promotions: promotions.map((row) => ({
          promotionId: row.promotion_id,
          name: row.name,
          skus: JSON.parse(row.skus) as string[],
          discount: JSON.parse(row.discount) as Discount,
          validFrom: row.valid_from,
          validTo: row.valid_to,
          status: row.cancelled ? 'cancelled' : 'scheduled',
        })),
      };
    }),

  /** Entries in (sku, validFrom) order, optionally of one SKU; keyset paging. */
  prices: (
    priceListId: string,
    options: { readonly sku?: string; readonly after?: PriceEntryPage['after']; readonly limit: number },
  ): Promise<PriceEntryPage> =>
    readModel(sql, PRICE_PROJECTION, async ({ t }) => {
      const rows = await sql.query<{
        sku: string;
        amount: string;
        valid_from: string;
        valid_to: string | null;
      }>(
        `select sku, amount::text as amount, ${isoUtc('valid_from')} as valid_from, ${isoUtc('valid_to')} as valid_to
           from ${t('prices')}
          where price_list_id = $1 and ($2::text is null or sku = $2)
            and ($3::text is null or (sku, valid_from) > ($3::text, $4::timestamptz))
          order by sku, valid_from limit $5`,
        [
          priceListId,
          options.sku ?? null,
          options.after?.sku ?? null,
          options.after?.validFrom ?? null,
          options.limit + 1,
        ],
      );
      const items = rows.slice(0, options.limit).map((row) => ({
        sku: row.sku,
        amount: Number(row.amount),
        validFrom: row.valid_from,
        validTo: row.valid_to,
      }));
      const last = items.at(-1);
      return rows.length > options.limit && last !== undefined
        ? { items, after: { sku: last.sku, validFrom: last.validFrom } }
        : { items };
    }),
});

export type PriceListViewReader = ReturnType<typeof priceListView>;
