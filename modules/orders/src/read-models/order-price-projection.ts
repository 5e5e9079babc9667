import type { EventEnvelope } from '@omnistream/kernel';
import type { Projection } from '@omnistream/projections';
import type {
  PriceListCreated,
  PriceRemoved,
  PriceSet,
  PromotionCancelled,
  PromotionScheduled,
} from '@omnistream/contracts/catalog';

export const ORDER_PRICE_PROJECTION = 'orders_prices';

/** The catalog's public price list events (contracts/catalog) that orders price from. */
type PriceListEvent =
  | { readonly type: 'PriceListCreated'; readonly data: PriceListCreated }
  | { readonly type: 'PriceSet'; readonly data: PriceSet }
  | { readonly type: 'PriceRemoved'; readonly data: PriceRemoved }
  | { readonly type: 'PromotionScheduled'; readonly data: PromotionScheduled }
  | { readonly type: 'PromotionCancelled'; readonly data: PromotionCancelled };

const TYPES = new Set([
  'PriceListCreated',
  'PriceSet',
  'PriceRemoved',
  'PromotionScheduled',
  'PromotionCancelled',
]);
const isPriceListEvent = (event: EventEnvelope): boolean =>
  event.streamId.startsWith('pricelist-') && TYPES.has(event.type);

/** A price book's key: market, price channel and currency, as an order names them. */
export const priceScope = (s: { market: string; channel: string; currency: string }): string =>
  `${s.market}|${s.channel}|${s.currency}`;

/**
 * Orders' own copy of the prices, from the catalog's public price list events (never the catalog's tables: modules
 * share contracts only), so an order is priced at the moment it is placed without asking another context.
 */
export const orderPriceProjection: Projection = {
  name: ORDER_PRICE_PROJECTION,
  version: 1,
  tables: ['scopes', 'prices', 'promotions'],
  filter: isPriceListEvent,
  setup: async (tx, t) => {
    await tx.query(`create table ${t('scopes')} (scope text primary key)`);
    await tx.query(`create table ${t('prices')} (
      scope text not null, sku text not null, valid_from text not null, price jsonb not null,
      primary key (scope, sku, valid_from))`);
    await tx.query(`create table ${t('promotions')} (
      scope text not null, promotion_id text not null, promotion jsonb not null, primary key (scope, promotion_id))`);
  },
  handle: async (events, tx, t) => {
    for (const event of events.filter(isPriceListEvent) as unknown as PriceListEvent[]) {
      const scope = priceScope(event.data);
      switch (event.type) {
        case 'PriceListCreated':
          await tx.query(`insert into ${t('scopes')} (scope) values ($1) on conflict do nothing`, [scope]);
          break;
        case 'PriceSet':
          await tx.query(`insert into ${t('scopes')} (scope) values ($1) on conflict do nothing`, [scope]);
          await tx.query(
            `insert into ${t('prices')} (scope, sku, valid_from, price) values ($1, $2, $3, $4::text::jsonb)
             on conflict (scope, sku, valid_from) do update set price = excluded.price`,
            [scope, event.data.sku, event.data.validFrom, JSON.stringify(event.data)],
          );
          break;
        case 'PriceRemoved':
          await tx.query(`delete from ${t('prices')} where scope = $1 and sku = $2 and valid_from = $3`, [
            scope,
            event.data.sku,
            event.data.validFrom,
          ]);
          break;
        case 'PromotionScheduled':
          await tx.query(
            `insert into ${t('promotions')} (scope, promotion_id, promotion) values ($1, $2, $3::text::jsonb)
             on conflict (scope, promotion_id) do update set promotion = excluded.promotion`,
            [scope, event.data.promotionId, JSON.stringify(event.data)],
          );
          break;
        case 'PromotionCancelled':
          await tx.query(`delete from ${t('promotions')} where scope = $1 and promotion_id = $2`, [
            scope,
            event.data.promotionId,
          ]);
          break;
      }
    }
  },
};
