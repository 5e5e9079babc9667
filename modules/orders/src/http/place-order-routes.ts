import { Type } from '@sinclair/typebox';
import { DomainError, uuidV7 } from '@omnistream/kernel';
import type { OrderFulfilment } from '@omnistream/contracts/orders';
import type { HttpApp } from '@omnistream/http';
import { priceOrderLines } from '../pricing/price-order-lines.js';
import type { OrderRouteDependencies } from './order-route-dependencies.js';
import { AddressBody, errors, Id, OrderPath, OrderView, PlaceOrderBody, Problem } from './order-schemas.js';
import { Value } from '@sinclair/typebox/value';

const tags = ['orders'];

const fulfilmentOf = (body: {
  type: OrderFulfilment['type'];
  address?: object;
  storeId?: string;
}): OrderFulfilment => {
  if (body.type === 'collect_in_store') {
    if (body.storeId === undefined)
      throw new DomainError('INVALID_FULFILMENT', 'collect_in_store needs the storeId to collect at');
    return { type: body.type, storeId: body.storeId };
  }
  if (body.address === undefined)
    throw new DomainError('INVALID_ADDRESS', `${body.type} needs a delivery address`);
  if (!Value.Check(AddressBody, body.address)) {
    const first = [...Value.Errors(AddressBody, body.address)][0];
    throw new DomainError(
      'INVALID_ADDRESS',
      `the delivery address is incomplete: ${first === undefined ? '' : `${first.path || '/'} ${first.message}`}` +
        ' (name, line1, city, postcode, country and location {lat, lon} are required)',
    );
  }
  return { type: body.type, address: body.address };
};

/** Placing orders (priced from orders' copy of the price lists at this moment) and reading them. */
export const registerPlaceOrderRoutes = (
  app: HttpApp,
  { database, clock, queries, send }: OrderRouteDependencies,
) => {
  app.post(
    '/orders',
    {
      config: { idempotent: true },
      schema: {
        summary:
          'Place an order: each line priced from the catalog price list of the market, channel and currency',
        description:
          'Send an Idempotency-Key: a repeat returns the same order. 422 SKU_NOT_PRICED names SKUs without a price, ' +
          '422 CURRENCY_MISMATCH when no price list sells in the currency; nothing is written on any refusal.',
        tags,
        body: PlaceOrderBody,
        response: { 201: OrderView, ...errors },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const fulfilment = fulfilmentOf(body.fulfilment);
      const lineIds = body.lines.map((l, i) => l.lineId ?? `l${i + 1}`);
      if (new Set(lineIds).size !== lineIds.length)
        throw new DomainError('INVALID_ORDER', 'line ids must be unique');
      const lines = await priceOrderLines(
        database,
        body,
        body.lines.map((l, i) => ({ lineId: lineIds[i] ?? `l${i + 1}`, sku: l.sku, quantity: l.quantity })),
        clock.now().toISOString(),
      );
      const orderId = body.orderId ?? uuidV7();
      await send(
        {
          type: 'PlaceOrder',
          data: {
            orderId,
            customerId: body.customerId,
            channel: body.channel,
            market: body.market,
            currency: body.currency,
            salesChannel: body.salesChannel ?? `${body.channel}-${body.market.toLowerCase()}`,
            lines,
            total: lines.reduce((sum, l) => sum + l.lineTotal, 0),
            fulfilment,
            shipFromStoreAllowed: body.shipFromStoreAllowed,
            payment: body.payment,
          },
        },
        request.id,
      );
      void reply.code(201).header('location', `/orders/${orderId}`);
      return queries.details(orderId);
    },
  );

  app.get(
    '/orders/:orderId',
    {
      schema: {
        summary: 'An order: status, lines, totals, shipments, payment, returns and history',
        tags,
        params: OrderPath,
        response: { 200: OrderView, 404: Problem },
      },
    },
    async (request, reply) => {
      const view = await queries.details(request.params.orderId);
      void reply.header('etag', `"${view.version}"`);
      return view;
    },
  );

  app.get(
    '/orders',
    {
      schema: {
        summary: 'A customer’s orders, newest first (cursor pagination)',
        tags,
        querystring: Type.Object(
          {
            customerId: Id,
            limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
            cursor: Type.Optional(Id),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(OrderView),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
          400: Problem,
        },
      },
    },
    async (request) =>
      queries.byCustomer(request.query.customerId, request.query.limit, request.query.cursor),
  );
};
