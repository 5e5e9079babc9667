import type { EventEnvelope } from '@omnistream/kernel';
import type {
  PriceListCreated,
  PriceRemoved,
  PriceSet,
  PromotionCancelled,
  PromotionScheduled,
} from '@omnistream/contracts/catalog';
import type { Projection } from '@omnistream/projections';

export const PRICE_PROJECTION = 'catalog_prices';

type PriceListEnvelope =
  | EventEnvelope<'PriceListCreated', PriceListCreated>
  | EventEnvelope<'PriceSet', PriceSet>
  | EventEnvelope<'PriceRemoved', PriceRemoved>
  | EventEnvelope<'PromotionScheduled', PromotionScheduled>
  | EventEnvelope<'PromotionCancelled', PromotionCancelled>;

const PRICE_LIST_EVENTS = new Set([
  'PriceListCreated',
  'PriceSet',
  'PriceRemoved',
  'PromotionScheduled',
  'PromotionCancelled',
]);

const isPriceListEvent = (event: EventEnvelope): event is PriceListEnvelope =>
  event.streamId.startsWith('pricelist-') && PRICE_LIST_EVENTS.has(event.type);

/**
 * Price lists, their entries and their promotions, keyed for the question "what does this SKU cost in this
 * market and channel at time t": entries and promotion SKUs are indexed by (market, channel, sku), and entries
 * that ended are kept (a price at a past time can still be asked). SKUs compare bytewise (collate "C") so that
 * paging is the same on every database.
 */
export const priceProjection: Projection = {
  name: PRICE_PROJECTION,
  version: 1,
  tables: ['lists', 'prices', 'promotions', 'promotion_skus'],
  filter: isPriceListEvent,
  setup: async (tx, t) => {
    await tx.query(`create table ${t('lists')} (
      price_list_id text primary key, name text not null,
      market text not null, channel text not null, currency text not null,
      version int not null, created_at timestamptz not null)`);
    await tx.query(`create index on ${t('lists')} (market, channel, currency)`);
    await tx.query(`create table ${t('prices')} (
      price_list_id text not null, sku text collate "C" not null, valid_from timestamptz not null,
      valid_to timestamptz, amount bigint not null,
      market text not null, channel text not null, currency text not null,
      primary key (price_list_id, sku, valid_from))`);
    await tx.query(`create index on ${t('prices')} (market, channel, sku)`);
    await tx.query(`create table ${t('promotions')} (
      price_list_id text not null, promotion_id text collate "C" not null, name text not null,
      market text not null, channel text not null, currency text not null,
      discount jsonb not null, skus jsonb not null,
      valid_from timestamptz not null, valid_to timestamptz not null, cancelled boolean not null default false,
      primary key (price_list_id, promotion_id))`);
    await tx.query(`create table ${t('promotion_skus')} (
      price_list_id text not null, promotion_id text collate "C" not null, sku text collate "C" not null,
      market text not null, channel text not null,
      primary key (price_list_id, promotion_id, sku))`);
    await tx.query(`create index on ${t('promotion_skus')} (market, channel, sku)`);
  },
  handle: async (events, tx, t) => {
    for (const event of events.filter(isPriceListEvent)) {
      const { priceListId, market, channel, currency } = event.data;
      // Every event of the stream moves the list's version: the ETag of GET /catalog/price-lists/:id.
      if (event.type !== 'PriceListCreated')
        await tx.query(`update ${t('lists')} set version = $2 where price_list_id = $1`, [
          priceListId,
          event.version,
        ]);
      switch (event.type) {
        case 'PriceListCreated':
          await tx.query(
            `insert into ${t('lists')} (price_list_id, name, market, channel, currency, version, created_at)
             values ($1, $2, $3, $4, $5, $6, $7::timestamptz)`,
            [priceListId, event.data.name, market, channel, currency, event.version, event.data.createdAt],
          );
          break;
        case 'PriceSet':
          await tx.query(
            `insert into ${t('prices')}
               (price_list_id, sku, valid_from, valid_to, amount, market, channel, currency)
             values ($1, $2, $3::timestamptz, $4::timestamptz, $5, $6, $7, $8)
             on conflict (price_list_id, sku, valid_from)
             do update set valid_to = excluded.valid_to, amount = excluded.amount`,
            [
              priceListId,
              event.data.sku,
              event.data.validFrom,
              event.data.validTo,
              event.data.amount,
              market,
              channel,
              currency,
            ],
          );
          break;
        case 'PriceRemoved':
          await tx.query(
            `delete from ${t('prices')} where price_list_id = $1 and sku = $2 and valid_from = $3::timestamptz`,
            [priceListId, event.data.sku, event.data.validFrom],
          );
          break;
        case 'PromotionScheduled': {
          const { promotionId, name, discount, skus, validFrom, validTo } = event.data;
          await tx.query(
            `insert into ${t('promotions')} (price_list_id, promotion_id, name, market, channel, currency,
               discount, skus, valid_from, valid_to)
             values ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8::text::jsonb, $9::timestamptz, $10::timestamptz)`,
            [
              priceListId,
              promotionId,
              name,
              market,
              channel,
              currency,
              JSON.stringify(discount),
              JSON.stringify(skus),
              validFrom,
              validTo,
            ],
          );
          await tx.query(
            `insert into ${t('promotion_skus')} (price_list_id, promotion_id, sku, market, channel)
             select $1, $2, sku, $4, $5 from jsonb_array_elements_text($3::text::jsonb) as sku`,
            [priceListId, promotionId, JSON.stringify(skus), market, channel],
          );
          break;
        }
        case 'PromotionCancelled':
          await tx.query(
            `update ${t('promotions')} set cancelled = true where price_list_id = $1 and promotion_id = $2`,
            [priceListId, event.data.promotionId],
          );
          await tx.query(
            `delete from ${t('promotion_skus')} where price_list_id = $1 and promotion_id = $2`,
            [priceListId, event.data.promotionId],
          );
          break;
      }
    }
  },
};
