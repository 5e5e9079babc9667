import { Type } from '@sinclair/typebox';
import { uuidV7 } from '@omnistream/kernel';
import type { Discount } from '@omnistream/contracts/catalog';
import type { HttpApp } from '@omnistream/http';
import { commandMetadata } from './command-metadata.js';
import { ifMatchVersion } from '@omnistream/http';
import { PriceListId, PromotionId, SchedulePromotionBody } from './price-list-schemas.js';
import { priceListNotFound } from './price-list-not-found.js';
import type { CatalogRouteDependencies } from './catalog-route-dependencies.js';

const Problem = Type.Ref('ProblemDetails');
const tags = ['catalog'];
const IfMatch = Type.Object({
  'if-match': Type.Optional(
    Type.String({ description: 'The list version last read ("3"); a stale one is a 409' }),
  ),
});

/** Promotions of a price list: schedule one for a window, cancel it. */
export const registerPromotionRoutes = (app: HttpApp, { handlers, clock }: CatalogRouteDependencies) => {
  app.post(
    '/catalog/price-lists/:priceListId/promotions',
    {
      config: { idempotent: true },
      schema: {
        summary: 'Schedule a promotion on some SKUs of a price list',
        description:
          'While it runs, of the promotions including a SKU the one giving the lowest price applies. Percent ' +
          'discounts round the discount down to a whole minor unit; no price goes below 0.',
        tags,
        params: Type.Object({ priceListId: PriceListId }),
        headers: IfMatch,
        body: SchedulePromotionBody,
        response: {
          201: Type.Ref('CatalogPromotion'),
          400: Problem,
          404: Problem,
          409: Problem,
          422: Problem,
        },
      },
    },
    async (request, reply) => {
      const { priceListId } = request.params;
      const { promotionId = uuidV7(), ...promotion } = request.body;
      const expectedVersion = ifMatchVersion(request.headers['if-match']);
      const result = await handlers.priceList(
        `pricelist-${priceListId}`,
        {
          type: 'SchedulePromotion',
          // The body's discount is only shaped here; the decider checks that its kind and fields agree.
          data: { priceListId, promotionId, ...promotion, discount: promotion.discount as Discount },
          metadata: commandMetadata(request, clock),
        },
        expectedVersion === undefined ? {} : { expectedVersion },
      );
      if (result.state.status === 'unknown') throw priceListNotFound(priceListId);
      const scheduled = result.state.promotions.get(promotionId);
      if (scheduled === undefined)
        throw new Error(`promotion ${promotionId} missing after SchedulePromotion`);
      const { cancelled, ...view } = scheduled;
      void reply
        .code(201)
        .header('etag', `"${result.nextExpectedVersion}"`)
        .header('location', `/catalog/price-lists/${encodeURIComponent(priceListId)}`);
      return { ...view, status: cancelled ? 'cancelled' : 'scheduled' };
    },
  );

  app.delete(
    '/catalog/price-lists/:priceListId/promotions/:promotionId',
    {
      config: { idempotent: true },
      schema: {
        summary: 'Cancel a promotion',
        description: 'Cancelling twice changes nothing; a cancelled promotion id is not reused.',
        tags,
        params: Type.Object({ priceListId: PriceListId, promotionId: PromotionId }),
        headers: IfMatch,
        response: { 204: Type.Null(), 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const { priceListId, promotionId } = request.params;
      const expectedVersion = ifMatchVersion(request.headers['if-match']);
      const result = await handlers.priceList(
        `pricelist-${priceListId}`,
        {
          type: 'CancelPromotion',
          data: { priceListId, promotionId },
          metadata: commandMetadata(request, clock),
        },
        expectedVersion === undefined ? {} : { expectedVersion },
      );
      return reply.code(204).header('etag', `"${result.nextExpectedVersion}"`).send();
    },
  );
};
