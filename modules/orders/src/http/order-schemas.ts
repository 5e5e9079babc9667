import { Type } from '@sinclair/typebox';

export const Id = Type.String({
  pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$',
  description: 'letters, digits and ._:-',
});
export const Sku = Type.String({
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$',
  description: 'a catalog SKU',
});
export const Reason = Type.String({ minLength: 1, maxLength: 500 });
export const Problem = Type.Ref('ProblemDetails');
export const errors = { 400: Problem, 404: Problem, 409: Problem, 422: Problem };

export const AddressBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    line1: Type.String({ minLength: 1, maxLength: 200 }),
    line2: Type.Optional(Type.String({ maxLength: 200 })),
    city: Type.String({ minLength: 1, maxLength: 100 }),
    postcode: Type.String({ minLength: 1, maxLength: 20 }),
    country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' }),
    location: Type.Object(
      { lat: Type.Number({ minimum: -90, maximum: 90 }), lon: Type.Number({ minimum: -180, maximum: 180 }) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

/**
 * Loose on purpose: which of address and storeId a fulfilment needs depends on its type, and a missing address
 * is answered INVALID_ADDRESS with a sentence rather than a schema union's list of mismatches.
 */
export const FulfilmentBody = Type.Object(
  {
    type: Type.Union([
      Type.Literal('ship_to_home'),
      Type.Literal('ship_from_store'),
      Type.Literal('collect_in_store'),
    ]),
    address: Type.Optional(Type.Object({}, { additionalProperties: true })),
    storeId: Type.Optional(Id),
  },
  { additionalProperties: false },
);

export const PlaceOrderBody = Type.Object(
  {
    orderId: Type.Optional(Id),
    customerId: Id,
    channel: Type.String({ pattern: '^[a-z][a-z0-9_-]*$', description: 'price channel, e.g. web' }),
    market: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2, e.g. GB' }),
    currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217' }),
    salesChannel: Type.Optional(Id),
    lines: Type.Array(
      Type.Object(
        { lineId: Type.Optional(Id), sku: Sku, quantity: Type.Integer({ minimum: 1, maximum: 10_000 }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 200 },
    ),
    fulfilment: FulfilmentBody,
    shipFromStoreAllowed: Type.Boolean({ default: true }),
    payment: Type.Object(
      {
        method: Type.String({ minLength: 1, maxLength: 50 }),
        token: Type.String({ minLength: 1, maxLength: 2000, description: 'opaque; never logged or shown' }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

const Open = Type.Object({}, { additionalProperties: true });
export const OrderView = Type.Object({
  orderId: Type.String(),
  customerId: Type.String(),
  status: Type.String(),
  channel: Type.String(),
  market: Type.String(),
  salesChannel: Type.String(),
  placedAt: Type.String(),
  fulfilment: Open,
  shipFromStoreAllowed: Type.Boolean(),
  lines: Type.Array(Open),
  totals: Open,
  shipments: Type.Array(Open),
  payment: Open,
  returns: Type.Array(Open),
  history: Type.Array(Open),
  version: Type.Integer(),
});

export const OrderPath = Type.Object({ orderId: Id });
