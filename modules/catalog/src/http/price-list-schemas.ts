import { Type, type Static } from '@sinclair/typebox';

// Shapes only, as in product-schemas.ts: the decider gives the reasons. Patterns that a client most often gets
// wrong (upper-case codes) are repeated here so the OpenAPI document shows them.

const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$';
export const PriceListId = Type.String({ pattern: ID_PATTERN, examples: ['gb-web'] });
export const PromotionId = Type.String({ pattern: ID_PATTERN, examples: ['summer-2025'] });
export const Market = Type.String({
  pattern: '^[A-Z]{2}$',
  description: 'ISO 3166-1 alpha-2',
  examples: ['GB'],
});
export const Channel = Type.String({
  pattern: '^[a-z][a-z0-9_-]{0,31}$',
  description: 'e.g. web, app, marketplace, store',
  examples: ['web'],
});
export const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217', examples: ['GBP'] });
export const Instant = Type.String({ format: 'date-time', description: 'ISO 8601 with a time zone' });
const Amount = Type.Integer({ minimum: 0, description: 'Minor units: 12.99 GBP is 1299' });
/** One `type` list rather than anyOf, so that Fastify's coercion cannot turn null into "". */
const OpenInstant = Type.Unsafe<string | null>({
  type: ['string', 'null'],
  format: 'date-time',
  description: 'Exclusive end, ISO 8601; null or absent for open-ended',
});

export const CreatePriceListBody = Type.Object(
  {
    priceListId: Type.Optional({ ...PriceListId, description: 'Chosen by the caller, or generated' }),
    name: Type.String(),
    market: Market,
    channel: Channel,
    currency: Currency,
  },
  { additionalProperties: false },
);
export type CreatePriceListBody = Static<typeof CreatePriceListBody>;

export const SetPriceBody = Type.Object(
  {
    amount: Amount,
    validFrom: { ...Instant, description: 'Inclusive start; with the SKU it identifies the entry' },
    validTo: Type.Optional(OpenInstant),
    currency: Type.Optional({ ...Currency, description: 'When sent, must be the list currency' }),
  },
  { additionalProperties: false },
);
export type SetPriceBody = Static<typeof SetPriceBody>;

export const Discount = Type.Object(
  {
    kind: Type.Union([Type.Literal('percent'), Type.Literal('amount_off')]),
    percent: Type.Optional(Type.Integer({ description: 'kind percent: 1 to 100; the discount rounds down' })),
    amount: Type.Optional(Type.Integer({ description: 'kind amount_off: minor units off, >= 1' })),
  },
  { additionalProperties: false },
);

export const SchedulePromotionBody = Type.Object(
  {
    promotionId: Type.Optional({ ...PromotionId, description: 'Chosen by the caller, or generated' }),
    name: Type.String(),
    skus: Type.Array(Type.String(), { description: '1 to 10,000 distinct SKUs' }),
    discount: Discount,
    validFrom: Instant,
    validTo: { ...Instant, description: 'Exclusive end, after validFrom' },
  },
  { additionalProperties: false },
);
export type SchedulePromotionBody = Static<typeof SchedulePromotionBody>;

export const Promotion = Type.Object(
  {
    promotionId: Type.String(),
    name: Type.String(),
    skus: Type.Array(Type.String()),
    discount: Discount,
    validFrom: Type.String(),
    validTo: Type.String(),
    status: Type.Union([Type.Literal('scheduled'), Type.Literal('cancelled')]),
  },
  { $id: 'CatalogPromotion', title: 'CatalogPromotion' },
);

export const PriceList = Type.Object(
  {
    priceListId: Type.String(),
    name: Type.String(),
    market: Type.String(),
    channel: Type.String(),
    currency: Type.String(),
    version: Type.Integer({ description: 'Send it back as If-Match to change the list' }),
    createdAt: Type.String(),
    promotions: Type.Array(Type.Ref('CatalogPromotion')),
  },
  { $id: 'CatalogPriceList', title: 'CatalogPriceList' },
);

export const PriceEntry = Type.Object({
  priceListId: Type.String(),
  sku: Type.String(),
  currency: Type.String(),
  amount: Type.Integer(),
  validFrom: Type.String(),
  validTo: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
});

export const PriceEntryPage = Type.Object({
  items: Type.Array(
    Type.Object({
      sku: Type.String(),
      amount: Type.Integer(),
      validFrom: Type.String(),
      validTo: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  next: Type.Optional(Type.String({ description: 'Pass as cursor for the next page; absent on the last' })),
});
