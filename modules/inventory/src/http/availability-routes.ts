import { Type } from '@sinclair/typebox';
import { DomainError } from '@omnistream/kernel';
import type { HttpApp } from '@omnistream/http';
import { channelAvailability } from '../availability/channel-availability.js';
import { channelNotFound } from './network-routes.js';
import type { InventoryRouteDependencies } from './inventory-route-dependencies.js';
import { Id, Sku } from './inventory-schemas.js';

const Problem = Type.Ref('ProblemDetails');
const MAX_SKUS = 100;
const SKU = new RegExp(Sku.pattern as string);

const AvailabilityResponse = Type.Object({
  channel: Type.String(),
  items: Type.Array(
    Type.Object({
      sku: Type.String(),
      available: Type.Integer(),
      locations: Type.Array(Type.Object({ locationId: Type.String(), available: Type.Integer() })),
    }),
  ),
});

/**
 * Availability for a list of SKUs on a channel, from the in-memory view: what the channel's eligible locations
 * (or one of them, for collect in store) can promise now. Never touches the database.
 */
export const registerAvailabilityRoutes = (app: HttpApp, { view }: InventoryRouteDependencies) => {
  app.get(
    '/inventory/availability',
    {
      schema: {
        summary: 'Availability of up to 100 SKUs for a sales channel, optionally at one location',
        tags: ['inventory'],
        querystring: Type.Object({
          skus: Type.String({ minLength: 1, description: 'comma-separated SKUs' }),
          channel: Id,
          locationId: Type.Optional(Id),
        }),
        response: { 200: AvailabilityResponse, 400: Problem, 404: Problem },
      },
    },
    (request, reply) => {
      const { channel: channelId, locationId } = request.query;
      const skus = [...new Set(request.query.skus.split(','))];
      if (skus.length > MAX_SKUS)
        throw new DomainError('INVALID_SKUS', `ask for at most ${MAX_SKUS} SKUs at a time`);
      const bad = skus.find((sku) => !SKU.test(sku));
      if (bad !== undefined) throw new DomainError('INVALID_SKUS', `${JSON.stringify(bad)} is not a SKU`);
      const channel = view.channel(channelId);
      if (channel === undefined) throw channelNotFound(channelId);
      let locations = view.eligibleLocations(channel);
      if (locationId !== undefined) {
        locations = locations.filter((l) => l.locationId === locationId);
        if (locations.length === 0)
          throw new DomainError(
            'LOCATION_NOT_ELIGIBLE',
            `location ${locationId} does not serve channel ${channelId}`,
          );
      }
      return reply.send({
        channel: channelId,
        items: skus.map((sku) => channelAvailability(sku, view.levels(sku), locations)),
      });
    },
  );
};
