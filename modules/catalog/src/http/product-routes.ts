import { Type } from '@sinclair/typebox';
import { DomainError } from '@omnistream/kernel';
import type { HttpApp } from '@omnistream/http';
import { productView, type ProductView } from '../read-models/product-view.js';
import { commandMetadata } from './command-metadata.js';
import { ifMatchVersion } from '@omnistream/http';
import { decodeCursor, encodeCursor } from './page-cursor.js';
import { CreateProductBody, ProductPage, Sku, UpdateProductBody } from './product-schemas.js';
import type { CatalogRouteDependencies } from './catalog-route-dependencies.js';

const Problem = Type.Ref('ProblemDetails');
const ProductRef = Type.Ref('CatalogProduct');
const tags = ['catalog'];
const Params = Type.Object({ sku: Sku });
const IfMatch = Type.Object({
  'if-match': Type.Optional(
    Type.String({ description: 'The version last read ("3"); a stale one is a 409' }),
  ),
});

const isSkuCursor = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** Products: create, read, update with If-Match, discontinue, and list in SKU order. */
export const registerProductRoutes = (
  app: HttpApp,
  { handlers, database, clock }: CatalogRouteDependencies,
) => {
  const products = productView(database);
  /** The read model is written in the append's transaction (inline), so it already holds the command's effect. */
  const current = async (sku: string): Promise<ProductView> => {
    const found = await products.find(sku);
    if (found === undefined)
      throw new DomainError('PRODUCT_NOT_FOUND', `there is no product ${sku}`, { sku });
    return found;
  };

  app.post(
    '/catalog/products',
    {
      config: { idempotent: true },
      schema: {
        summary: 'Add a product to the catalog',
        tags,
        body: CreateProductBody,
        response: { 201: ProductRef, 400: Problem, 409: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const { sku, name, description = '', attributes = {}, images = [] } = request.body;
      await handlers.product(`product-${sku}`, {
        type: 'CreateProduct',
        data: { sku, name, description, attributes, images },
        metadata: commandMetadata(request, clock),
      });
      const created = await current(sku);
      void reply
        .code(201)
        .header('location', `/catalog/products/${encodeURIComponent(sku)}`)
        .header('etag', `"${created.version}"`);
      return created;
    },
  );

  app.get(
    '/catalog/products/:sku',
    {
      schema: {
        summary: 'Read a product',
        tags,
        params: Params,
        response: { 200: ProductRef, 400: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const found = await current(request.params.sku);
      void reply.header('etag', `"${found.version}"`);
      return found;
    },
  );

  app.patch(
    '/catalog/products/:sku',
    {
      config: { idempotent: true },
      schema: {
        summary: 'Change some details of a product',
        description:
          'Fields present replace the current values whole. If-Match makes it fail on a stale read.',
        tags,
        params: Params,
        headers: IfMatch,
        body: UpdateProductBody,
        response: { 200: ProductRef, 400: Problem, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const { sku } = request.params;
      const expectedVersion = ifMatchVersion(request.headers['if-match']);
      await handlers.product(
        `product-${sku}`,
        { type: 'UpdateProduct', data: { sku, ...request.body }, metadata: commandMetadata(request, clock) },
        expectedVersion === undefined ? {} : { expectedVersion },
      );
      const updated = await current(sku);
      void reply.header('etag', `"${updated.version}"`);
      return updated;
    },
  );

  app.post(
    '/catalog/products/:sku/discontinue',
    {
      config: { idempotent: true },
      schema: {
        summary: 'Stop selling a product',
        description: 'It stays readable and its prices stay; discontinuing twice changes nothing.',
        tags,
        params: Params,
        headers: IfMatch,
        response: { 200: ProductRef, 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const { sku } = request.params;
      const expectedVersion = ifMatchVersion(request.headers['if-match']);
      await handlers.product(
        `product-${sku}`,
        { type: 'DiscontinueProduct', data: { sku }, metadata: commandMetadata(request, clock) },
        expectedVersion === undefined ? {} : { expectedVersion },
      );
      const discontinued = await current(sku);
      void reply.header('etag', `"${discontinued.version}"`);
      return discontinued;
    },
  );

  app.get(
    '/catalog/products',
    {
      schema: {
        summary: 'List products in SKU order',
        tags,
        querystring: Type.Object({
          cursor: Type.Optional(Type.String({ maxLength: 200, description: 'next of the previous page' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
          status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('discontinued')])),
        }),
        response: { 200: ProductPage, 400: Problem },
      },
    },
    async (request) => {
      const { cursor, limit = 50, status } = request.query;
      const after = decodeCursor(cursor, isSkuCursor);
      const page = await products.list({
        limit,
        ...(after === undefined ? {} : { after }),
        ...(status === undefined ? {} : { status }),
      });
      return { items: page.items, ...(page.after === undefined ? {} : { next: encodeCursor(page.after) }) };
    },
  );
};
