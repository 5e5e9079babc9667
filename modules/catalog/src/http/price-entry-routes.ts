import { Type } from '@sinclair/typebox';
import type { HttpApp } from '@omnistream/http';
import { parseInstant } from '../domain/parse-instant.js';
import { priceKey } from '../domain/price-list/price-list-state.js';
import { priceListView } from '../read-models/price-list-view.js';
import type { CatalogRouteDependencies } from './catalog-route-dependencies.js';
import { commandMetadata } from './command-metadata.js';
import { ifMatchVersion } from '@omnistream/http';
import { decodeCursor, encodeCursor } from './page-cursor.js';
import { priceListNotFound } from './price-list-not-found.js';
import { Instant, PriceEntry, PriceEntryPage, PriceListId, SetPriceBody } from './price-list-schemas.js';
import { Sku } from './product-schemas.js';

const Problem = Type.Ref('ProblemDetails');
const tags = ['catalog'];
const ListParams = Type.Object({ priceListId: PriceListId });
const PriceParams = Type.Object({ priceListId: PriceListId, sku: Sku });
const IfMatch = Type.Object({
  'if-match': Type.Optional(
    Type.String({ description: 'The list version last read ("3"); a stale one is a 409' }),
  ),
});

const isEntryCursor = (value: unknown): value is { sku: string; validFrom: string } =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { sku?: unknown }).sku === 'string' &&
  typeof (value as { validFrom?: unknown }).validFrom === 'string';

/** The entries of a price list: page through them, set a SKU's price for a window, remove an entry. */
export const registerPriceEntryRoutes = (
  app: HttpApp,
  { handlers, database, clock }: CatalogRouteDependencies,
) => {
  const lists = priceListView(database);

  app.get(
    '/catalog/price-lists/:priceListId/prices',
    {
      schema: {
        summary: "Page through a price list's entries in (SKU, validFrom) order",
        tags,
        params: ListParams,
        querystring: Type.Object({
          sku: Type.Optional(Sku),
          cursor: Type.Optional(Type.String({ maxLength: 300 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
        }),
        response: { 200: PriceEntryPage, 400: Problem, 404: Problem },
      },
    },
    async (request) => {
      const { priceListId } = request.params;
      const { sku, cursor, limit = 100 } = request.query;
      if ((await lists.find(priceListId)) === undefined) throw priceListNotFound(priceListId);
      const after = decodeCursor(cursor, isEntryCursor);
      const page = await lists.prices(priceListId, {
        limit,
        ...(sku === undefined ? {} : { sku }),
        ...(after === undefined ? {} : { after }),
      });
      return { items: page.items, ...(page.after === undefined ? {} : { next: encodeCursor(page.after) }) };
    },
  );

  app.put(
    '/catalog/price-lists/:priceListId/prices/:sku',
    {
      config: { idempotent: true },
      schema: {
        summary: 'Set the price of a SKU from validFrom (until validTo, or open-ended)',
        description:
          'The entry is identified by (SKU, validFrom): setting it again replaces it. Where windows overlap, the ' +
          'entry with the latest validFrom applies.',
        tags,
        params: PriceParams,
        headers: IfMatch,
        body: SetPriceBody,
        response: { 200: PriceEntry, 400: Problem, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const { priceListId, sku } = request.params;
      const { amount, validFrom, validTo = null, currency } = request.body;
      const expectedVersion = ifMatchVersion(request.headers['if-match']);
      const result = await handlers.priceList(
        `pricelist-${priceListId}`,
        {
          type: 'SetPrice',
          data: {
            priceListId,
            sku,
            amount,
            validFrom,
            validTo,
            ...(currency === undefined ? {} : { currency }),
          },
          metadata: commandMetadata(request, clock),
        },
        expectedVersion === undefined ? {} : { expectedVersion },
      );
      if (result.state.status === 'unknown') throw priceListNotFound(priceListId);
      // The command succeeded, so validFrom parses; the entry is found by its canonical spelling.
      const entry = result.state.prices.get(priceKey(sku, parseInstant(validFrom, 'validFrom')));
      if (entry === undefined) throw new Error(`price entry of ${sku} missing after SetPrice`);
      void reply.header('etag', `"${result.nextExpectedVersion}"`);
      return {
        priceListId,
        sku,
        currency: result.state.header.currency,
        amount: entry.amount,
        validFrom: entry.validFrom,
        validTo: entry.validTo,
        version: result.nextExpectedVersion,
      };
    },
  );

  app.delete(
    '/catalog/price-lists/:priceListId/prices/:sku',
    {
      config: { idempotent: true },
      schema: {
        summary: 'Remove the price entry of a SKU starting at validFrom',
        tags,
        params: PriceParams,
        headers: IfMatch,
        querystring: Type.Object({ validFrom: Instant }),
        response: { 204: Type.Null(), 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const { priceListId, sku } = request.params;
      const expectedVersion = ifMatchVersion(request.headers['if-match']);
      const result = await handlers.priceList(
        `pricelist-${priceListId}`,
        {
          type: 'RemovePrice',
          data: { priceListId, sku, validFrom: request.query.validFrom },
          metadata: commandMetadata(request, clock),
        },
        expectedVersion === undefined ? {} : { expectedVersion },
      );
      return reply.code(204).header('etag', `"${result.nextExpectedVersion}"`).send();
    },
  );
};
