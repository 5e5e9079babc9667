import { Type } from '@sinclair/typebox';
import { DomainError } from '@omnistream/kernel';
import { isSku } from '@omnistream/contracts/catalog';
import type { HttpApp } from '@omnistream/http';
import { parseInstant } from '../domain/parse-instant.js';
import { effectivePrices } from '../read-models/effective-prices.js';
import { Channel, Currency, Instant, Market } from './price-list-schemas.js';
import type { CatalogRouteDependencies } from './catalog-route-dependencies.js';

const Problem = Type.Ref('ProblemDetails');
const MAX_SKUS = 100;

const EffectivePrice = Type.Object({
  sku: Type.String(),
  currency: Type.String(),
  amount: Type.Integer({ description: 'What the customer pays, in minor units' }),
  regularAmount: Type.Integer({ description: 'Before promotions' }),
  promotionId: Type.Optional(Type.String({ description: 'The promotion that lowered the price' })),
  validUntil: Type.Optional(
    Type.String({ description: 'When this answer may next change; cache until then' }),
  ),
});

/** `A,B,A` -> [A, B]: each SKU once, in the order first asked. */
const parseSkus = (list: string): string[] => {
  const skus = [...new Set(list.split(',').map((sku) => sku.trim()))];
  const bad = skus.find((sku) => !isSku(sku));
  if (bad !== undefined)
    throw new DomainError('INVALID_SKU', `skus holds ${JSON.stringify(bad)}, which is not a SKU`, {
      sku: bad,
    });
  if (skus.length > MAX_SKUS)
    throw new DomainError('INVALID_SKUS', `ask for at most ${MAX_SKUS} SKUs at a time, got ${skus.length}`);
  return skus;
};

/** Effective prices: what a set of SKUs costs in one market and channel, now or at a given time. */
export const registerPriceRoutes = (app: HttpApp, { database, clock }: CatalogRouteDependencies) => {
  app.get(
    '/catalog/prices',
    {
      schema: {
        summary: 'Effective prices of SKUs in a market and channel at a time',
        description:
          'The price entry with the latest validFrom whose window holds the time applies, lowered by the ' +
          'promotion that gives the lowest price. SKUs without a price at that time are listed in notPriced.',
        tags: ['catalog'],
        querystring: Type.Object({
          skus: Type.String({
            minLength: 1,
            description: `Comma-separated, at most ${MAX_SKUS}`,
            examples: ['A,B'],
          }),
          market: Market,
          channel: Channel,
          currency: Type.Optional({
            ...Currency,
            description: 'Needed when the market and channel price in several',
          }),
          at: Type.Optional({ ...Instant, description: 'ISO 8601; now when absent' }),
        }),
        response: {
          200: Type.Object({
            market: Type.String(),
            channel: Type.String(),
            currency: Type.Optional(Type.String()),
            at: Type.String(),
            prices: Type.Array(EffectivePrice),
            notPriced: Type.Array(Type.String()),
          }),
          400: Problem,
          422: Problem,
        },
      },
    },
    async (request) => {
      const { market, channel, currency } = request.query;
      const at =
        request.query.at === undefined ? clock.now().toISOString() : parseInstant(request.query.at, 'at');
      const result = await effectivePrices(database, {
        skus: parseSkus(request.query.skus),
        market,
        channel,
        at,
        ...(currency === undefined ? {} : { currency }),
      });
      return { market, channel, at, ...result };
    },
  );
};
