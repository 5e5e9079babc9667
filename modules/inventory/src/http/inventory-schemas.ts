import { Type, type Static } from '@sinclair/typebox';
import { LOCATION_CAPABILITIES } from '../domain/location/location.js';

export const Id = Type.String({
  pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$',
  description: 'letters, digits and ._:-',
});
export const Sku = Type.String({
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$',
  description: 'a catalog SKU',
});
export const Market = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2, e.g. GB' });
export const Quantity = Type.Integer({ minimum: 1, maximum: 1_000_000_000 });
export const Capability = Type.Union(LOCATION_CAPABILITIES.map((c) => Type.Literal(c)));

export const LocationBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    type: Type.Union([Type.Literal('dc'), Type.Literal('store')]),
    market: Market,
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lon: Type.Number({ minimum: -180, maximum: 180 }),
    priority: Type.Integer({ minimum: 0, maximum: 1000, default: 0 }),
    dailyCapacity: Type.Integer({ minimum: 0, description: 'order lines it can pick in a day' }),
    capabilities: Type.Array(Capability, { uniqueItems: true }),
    address: Type.Optional(
      Type.Object(
        {
          name: Type.String({ minLength: 1, maxLength: 200 }),
          lines: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 3 }),
          city: Type.String({ minLength: 1, maxLength: 100 }),
          postalCode: Type.String({ minLength: 1, maxLength: 20 }),
          countryCode: Type.String({ pattern: '^[A-Z]{2}$' }),
        },
        {
          additionalProperties: false,
          description: 'where carriers collect parcels; needed to ship from it',
        },
      ),
    ),
  },
  { additionalProperties: false },
);
export type LocationBody = Static<typeof LocationBody>;

export const LocationView = Type.Object({
  locationId: Type.String(),
  ...LocationBody.properties,
  open: Type.Boolean(),
});

export const ChannelBody = Type.Object(
  {
    market: Market,
    priceChannel: Type.String({
      pattern: '^[a-z][a-z0-9_-]*$',
      description: 'the price-list channel, e.g. web',
    }),
    currency: Type.String({ pattern: '^[A-Z]{3}$' }),
    locationTypes: Type.Array(Type.Union([Type.Literal('dc'), Type.Literal('store')]), {
      minItems: 1,
      uniqueItems: true,
    }),
    requiredCapability: Type.Union([Capability, Type.Null()], { default: null }),
    excludedLocations: Type.Array(Id, { default: [], uniqueItems: true }),
  },
  { additionalProperties: false },
);

export const Allocation = Type.Object({ locationId: Type.String(), quantity: Type.Integer() });

export const ReservationBody = Type.Object(
  {
    reservationId: Id,
    sku: Sku,
    channel: Id,
    quantity: Quantity,
    locationId: Type.Optional(Id),
    ttlSeconds: Type.Integer({ minimum: 1, maximum: 7 * 24 * 3600, default: 1800 }),
  },
  { additionalProperties: false },
);

export const ReservationView = Type.Object({
  reservationId: Type.String(),
  sku: Type.String(),
  channel: Type.String(),
  quantity: Type.Integer(),
  allocations: Type.Array(Allocation),
  expiresAt: Type.String(),
  status: Type.String(),
});
