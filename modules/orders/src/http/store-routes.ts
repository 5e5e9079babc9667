import { Type } from '@sinclair/typebox';
import { uuidV7 } from '@omnistream/kernel';
import type { HttpApp } from '@omnistream/http';
import type { OrderRouteDependencies } from './order-route-dependencies.js';
import { errors, Id, OrderPath, OrderView, Problem, Reason } from './order-schemas.js';

const Open = Type.Object({}, { additionalProperties: true });

/** What stores read (pick lists, collection queues) and the customer's return requests. */
export const registerStoreRoutes = (app: HttpApp, { queries, send }: OrderRouteDependencies) => {
  app.get(
    '/orders/pick-lists/:locationId',
    {
      schema: {
        summary: 'Shipments released to a location and not yet picked, oldest first',
        tags: ['stores'],
        params: Type.Object({ locationId: Id }),
        response: {
          200: Type.Object({ locationId: Type.String(), shipments: Type.Array(Open) }),
          400: Problem,
        },
      },
    },
    async (request) => queries.pickList(request.params.locationId),
  );
  app.get(
    '/orders/collection-queue/:storeId',
    {
      schema: {
        summary: 'Orders ready for collection at a store',
        tags: ['stores'],
        params: Type.Object({ storeId: Id }),
        response: { 200: Type.Object({ storeId: Type.String(), orders: Type.Array(Open) }), 400: Problem },
      },
    },
    async (request) => queries.collectionQueue(request.params.storeId),
  );
  app.post(
    '/orders/:orderId/returns',
    {
      config: { idempotent: true },
      schema: {
        summary: 'Request a return of delivered or collected units',
        description: 'Send returnId (or an Idempotency-Key) so that a retried request is one return.',
        tags: ['orders'],
        params: OrderPath,
        body: Type.Object(
          {
            returnId: Type.Optional(Id),
            lines: Type.Array(
              Type.Object(
                { lineId: Id, quantity: Type.Integer({ minimum: 1, maximum: 10_000 }) },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: 200 },
            ),
            reason: Reason,
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ returnId: Type.String(), order: OrderView }), ...errors },
      },
    },
    async (request, reply) => {
      const { orderId } = request.params;
      const returnId = request.body.returnId ?? uuidV7();
      await send(
        {
          type: 'RequestReturn',
          data: { orderId, returnId, lines: request.body.lines, reason: request.body.reason },
        },
        request.id,
      );
      void reply.code(201);
      return { returnId, order: await queries.details(orderId) };
    },
  );
};
