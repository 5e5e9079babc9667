import { Type } from '@sinclair/typebox';
import { uuidV7 } from '@omnistream/kernel';
import type { HttpApp } from '@omnistream/http';
import { priceListView, type PriceListView } from '../read-models/price-list-view.js';
import { commandMetadata } from './command-metadata.js';
import { priceListNotFound } from './price-list-not-found.js';
import { CreatePriceListBody, PriceListId } from './price-list-schemas.js';
import type { CatalogRouteDependencies } from './catalog-route-dependencies.js';

const Problem = Type.Ref('ProblemDetails');
const tags = ['catalog'];
const ListParams = Type.Object({ priceListId: PriceListId });

/** Price lists: open one for a market, channel and currency; read it with its promotions. */
export const registerPriceListRoutes = (
  app: HttpApp,
  { handlers, database, clock }: CatalogRouteDependencies,
) => {
  const lists = priceListView(database);
  const current = async (priceListId: string): Promise<PriceListView> => {
    const found = await lists.find(priceListId);
    if (found === undefined) throw priceListNotFound(priceListId);
    return found;
  };

  app.post(
    '/catalog/price-lists',
    {
      config: { idempotent: true },
      schema: {
        summary: 'Open a price list for one market, channel and currency',
        tags,
        body: CreatePriceListBody,
        response: { 201: Type.Ref('CatalogPriceList'), 400: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const { priceListId = uuidV7(), ...header } = request.body;
      await handlers.priceList(`pricelist-${priceListId}`, {
        type: 'CreatePriceList',
        data: { priceListId, ...header },
        metadata: commandMetadata(request, clock),
      });
      const created = await current(priceListId);
      void reply
        .code(201)
        .header('location', `/catalog/price-lists/${encodeURIComponent(priceListId)}`)
        .header('etag', `"${created.version}"`);
      return created;
    },
  );

  app.get(
    '/catalog/price-lists/:priceListId',
    {
      schema: {
        summary: 'Read a price list and its promotions',
        tags,
        params: ListParams,
        response: { 200: Type.Ref('CatalogPriceList'), 400: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const found = await current(request.params.priceListId);
      void reply.header('etag', `"${found.version}"`);
      return found;
    },
  );
};
