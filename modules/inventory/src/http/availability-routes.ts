import { Type, type Static } from '@sinclair/typebox';
import { DomainError } from '@omnistream/kernel';
import type { HttpApp } from '@omnistream/http';
import { channelAvailability } from '../availability/channel-availability.js';
import { createItemCache } from '../availability/availability-item-cache.js';
import { locationsNear } from '../availability/locations-near.js';
import { channelNotFound } from './network-routes.js';
import type { InventoryRouteDependencies } from './inventory-route-dependencies.js';
import { Id, Sku } from './inventory-schemas.js';

const Problem = Type.Ref('ProblemDetails');
const MAX_SKUS = 100;
const SKU = new RegExp(Sku.pattern as string);

const Price = Type.Object({
  amount: Type.Integer({ description: 'what the customer pays, in minor units' }),
  regularAmount: Type.Integer({ description: 'before promotions' }),
  currency: Type.String(),
  promotionId: Type.Optional(Type.String()),
  validUntil: Type.Optional(Type.String({ description: 'the price may change from then on' })),
});

const AvailabilityResponse = Type.Object({
  channel: Type.String(),
  items: Type.Array(
    Type.Object({
      sku: Type.String(),
      available: Type.Integer(),
      // `type: [object, null]` rather than a union: the serializer writes it directly, where a union would make it
      // validate each alternative on every item of every response.
      price: Type.Unsafe<Static<typeof Price> | null>({
        ...Price,
        type: ['object', 'null'],
        description: 'null when the SKU has no price for the channel',
      }),
      locations: Type.Array(
        Type.Object({
          locationId: Type.String(),
          available: Type.Integer(),
          distanceKm: Type.Optional(
            Type.Number({ description: 'from the delivery point, when one was given' }),
          ),
        }),
      ),
    }),
  ),
});

/**
 * Availability and price for a list of SKUs on a channel, from the in-memory view: what the channel's eligible
 * locations (or one of them, or those near a delivery point) can promise now, at the price the channel sells at.
 * Never touches the database.
 */
export const registerAvailabilityRoutes = (app: HttpApp, { view, clock }: InventoryRouteDependencies) => {
  const items = createItemCache(view);
  app.get(
    '/inventory/availability',
    {
      schema: {
        summary: 'Availability and price of up to 100 SKUs for a sales channel',
        description:
          'Optionally at one location (`locationId`), or near a delivery point (`lat` and `lon`, with ' +
          '`radiusKm` to keep only locations that close): then locations come nearest first, with their distance.',
        tags: ['inventory'],
        querystring: Type.Object({
          skus: Type.String({ minLength: 1, description: 'comma-separated SKUs' }),
          channel: Id,
          locationId: Type.Optional(Id),
          lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
          lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
          radiusKm: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 20_000 })),
        }),
        response: { 200: AvailabilityResponse, 400: Problem, 404: Problem },
      },
    },
    (request, reply) => {
      const { channel: channelId, locationId, lat, lon, radiusKm } = request.query;
      const skus = [...new Set(request.query.skus.split(','))];
      if (skus.length > MAX_SKUS)
        throw new DomainError('INVALID_SKUS', `ask for at most ${MAX_SKUS} SKUs at a time`);
      const bad = skus.find((sku) => !SKU.test(sku));
      if (bad !== undefined) throw new DomainError('INVALID_SKUS', `${JSON.stringify(bad)} is not a SKU`);
      if ((lat === undefined) !== (lon === undefined))
        throw new DomainError(
          'INVALID_DELIVERY_POINT',
          'give both lat and lon for a delivery point, or neither',
        );
      if (radiusKm !== undefined && lat === undefined)
        throw new DomainError('INVALID_DELIVERY_POINT', 'radiusKm needs a delivery point: add lat and lon');
      if (locationId !== undefined && lat !== undefined)
        throw new DomainError('INVALID_DELIVERY_POINT', 'ask for one location or a delivery point, not both');
      const channel = view.channel(channelId);
      if (channel === undefined) throw channelNotFound(channelId);
      let locations = view.eligibleLocations(channel);
      let distances: Map<string, number> | undefined;
      if (locationId !== undefined) {
        locations = locations.filter((l) => l.locationId === locationId);
        if (locations.length === 0)
          throw new DomainError(
            'LOCATION_NOT_ELIGIBLE',
            `location ${locationId} does not serve channel ${channelId}`,
          );
      } else if (lat !== undefined && lon !== undefined) {
        const near = locationsNear(locations, { lat, lon }, radiusKm ?? null);
        locations = near.map((n) => n.profile);
        distances = new Map(near.map((n) => [n.profile.locationId, n.distanceKm]));
      }
      const now = clock.now();
      if (locationId === undefined && lat === undefined) {
        // The common question (a channel, no location, no delivery point): each SKU's answer is kept as JSON until
        // its stock, the network or the prices change, or its price's validity ends.
        const parts = skus.map((sku) => items.json(channel, sku, now));
        void reply
          .type('application/json; charset=utf-8')
          .send(`{"channel":${JSON.stringify(channelId)},"items":[${parts.join(',')}]}`);
        return;
      }
      void reply.send({
        channel: channelId,
        items: skus.map((sku) => {
          const availability = channelAvailability(sku, view.levels(sku), locations);
          return {
            ...availability,
            price: view.price(channel, sku, now) ?? null,
            locations:
              distances === undefined
                ? availability.locations
                : availability.locations.map((l) => ({ ...l, distanceKm: distances.get(l.locationId) ?? 0 })),
          };
        }),
      });
    },
  );
};
