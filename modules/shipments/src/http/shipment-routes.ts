import { Type } from '@sinclair/typebox';
import { uuidV7, type CommandMetadata } from '@omnistream/kernel';
import type { FastifyRequest } from 'fastify';
import type { HttpApp } from '@omnistream/http';
import { selectCarrier } from '../config/select-carrier.js';
import { carrierOf } from '../handling/carrier-of.js';
import { cancelShipment } from '../handling/cancel-shipment.js';
import { createShipment } from '../handling/create-shipment.js';
import { loadShipment } from '../handling/load-shipment.js';
import type { ShipmentsRuntime } from '../handling/shipments-runtime.js';
import { CreateShipmentBody, Id, RateQuotes, RatesBody, ShipmentSummaries } from './shipment-schemas.js';

const Problem = Type.Ref('ProblemDetails');
const ShipmentRef = Type.Ref('Shipment');
const tags = ['shipments'];
const Params = Type.Object({ shipmentId: Id });

const metadataOf = (request: FastifyRequest): Partial<CommandMetadata> => ({
  correlationId: String(request.id),
  ...(request.principal === null ? {} : { actor: request.principal }),
});

/** Rates, shipments (create with Idempotency-Key, read with tracking, cancel) and shipments of an order. */
export const registerShipmentRoutes = (app: HttpApp, runtime: ShipmentsRuntime): void => {
  app.post(
    '/shipments/rates',
    {
      schema: {
        summary: 'Quote shipping rates',
        description: 'From the carrier configured for the market (or the one named), per service level.',
        tags,
        body: RatesBody,
        response: { 200: RateQuotes, 400: Problem, 422: Problem, 502: Problem, 503: Problem },
      },
    },
    async (request) => {
      const { market, shipFrom, shipTo, parcel, serviceLevel, carrier } = request.body;
      const id = selectCarrier(runtime.config, { market, serviceLevel: serviceLevel ?? 'standard', carrier });
      const quotes = await carrierOf(runtime.carriers, id).rates({
        shipFrom: shipFrom.address,
        shipTo,
        parcel,
        ...(serviceLevel === undefined ? {} : { serviceLevel }),
      });
      return { quotes };
    },
  );

  app.post(
    '/shipments',
    {
      config: { idempotent: true },
      schema: {
        summary: 'Create a shipment and buy its label',
        description:
          'Idempotent by shipmentId: the same request again returns the shipment and never buys a second label.',
        tags,
        body: CreateShipmentBody,
        response: { 201: ShipmentRef, 400: Problem, 409: Problem, 422: Problem, 502: Problem, 503: Problem },
      },
    },
    async (request, reply) => {
      const { shipmentId = uuidV7(), carrier, collectionStoreId, ...rest } = request.body;
      const view = await createShipment(
        runtime,
        {
          ...rest,
          shipmentId,
          collectionStoreId: collectionStoreId ?? null,
          ...(carrier === undefined ? {} : { carrier }),
        },
        metadataOf(request),
      );
      void reply
        .code(201)
        .header('location', `/shipments/${encodeURIComponent(shipmentId)}`)
        .header('etag', `"${view.version}"`);
      return view;
    },
  );

  app.get(
    '/shipments/:shipmentId',
    {
      schema: {
        summary: 'Read a shipment with its tracking history',
        tags,
        params: Params,
        response: { 200: ShipmentRef, 400: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const view = await loadShipment(runtime, request.params.shipmentId);
      void reply.header('etag', `"${view.version}"`);
      return view;
    },
  );

  app.post(
    '/shipments/:shipmentId/cancel',
    {
      config: { idempotent: true },
      schema: {
        summary: 'Cancel a shipment before the carrier has it',
        description: 'Voids a bought label with the carrier first. Cancelling twice changes nothing.',
        tags,
        params: Params,
        body: Type.Optional(
          Type.Object(
            { reason: Type.Optional(Type.String({ maxLength: 1000 })) },
            { additionalProperties: false },
          ),
        ),
        response: { 200: ShipmentRef, 400: Problem, 404: Problem, 422: Problem, 502: Problem, 503: Problem },
      },
    },
    async (request) =>
      cancelShipment(
        runtime,
        { shipmentId: request.params.shipmentId, reason: request.body?.reason ?? 'cancelled' },
        metadataOf(request),
      ),
  );

  app.get(
    '/shipments',
    {
      schema: {
        summary: "List an order's shipments",
        tags,
        querystring: Type.Object({ orderId: Id }, { additionalProperties: false }),
        response: { 200: ShipmentSummaries, 400: Problem },
      },
    },
    async (request) => ({ items: await runtime.index.byOrder(request.query.orderId) }),
  );
};
