import { Type } from '@sinclair/typebox';

const Text = (maxLength: number, description?: string) =>
  Type.String({
    minLength: 1,
    maxLength,
    pattern: '\\S',
    ...(description === undefined ? {} : { description }),
  });

export const Id = Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]*$' });

export const AddressSchema = Type.Object(
  {
    name: Text(200),
    lines: Type.Array(Text(200), { minItems: 1, maxItems: 3, description: 'street lines, 1 to 3' }),
    city: Text(100),
    postalCode: Text(20),
    countryCode: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' }),
    region: Type.Optional(Type.String({ maxLength: 100 })),
    phone: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);

export const ParcelSchema = Type.Object(
  {
    weightGrams: Type.Integer({ minimum: 1 }),
    lengthMm: Type.Integer({ minimum: 1 }),
    widthMm: Type.Integer({ minimum: 1 }),
    heightMm: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);

export const ServiceLevelSchema = Type.Union([
  Type.Literal('standard'),
  Type.Literal('express'),
  Type.Literal('next_day'),
]);

export const ShipFromSchema = Type.Object(
  { locationId: Id, address: AddressSchema },
  { additionalProperties: false },
);

const LineSchema = Type.Object(
  { lineId: Id, sku: Text(64), quantity: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

export const RatesBody = Type.Object(
  {
    market: Text(20),
    shipFrom: ShipFromSchema,
    shipTo: AddressSchema,
    parcel: ParcelSchema,
    serviceLevel: Type.Optional(ServiceLevelSchema),
    carrier: Type.Optional(Text(50)),
  },
  { additionalProperties: false },
);

const MoneySchema = Type.Object(
  { amount: Type.Integer({ description: 'integer minor units' }), currency: Type.String() },
  { additionalProperties: false },
);

export const RateQuotes = Type.Object({
  quotes: Type.Array(
    Type.Object({
      carrier: Type.String(),
      service: Type.String(),
      serviceLevel: ServiceLevelSchema,
      cost: MoneySchema,
      transitDays: Type.Union([Type.Integer(), Type.Null()]),
    }),
  ),
});

export const CreateShipmentBody = Type.Object(
  {
    shipmentId: Type.Optional(Id),
    orderId: Id,
    market: Text(20),
    shipFrom: ShipFromSchema,
    shipTo: AddressSchema,
    collectionStoreId: Type.Optional(Type.Union([Id, Type.Null()])),
    lines: Type.Array(LineSchema, { minItems: 1, maxItems: 500 }),
    parcel: ParcelSchema,
    serviceLevel: ServiceLevelSchema,
    carrier: Type.Optional(Text(50, 'a configured carrier; absent: chosen by configuration')),
  },
  { additionalProperties: false },
);

const LocationSchema = Type.Union([
  Type.Null(),
  Type.Object({
    city: Type.Optional(Type.String()),
    postalCode: Type.Optional(Type.String()),
    countryCode: Type.Optional(Type.String()),
  }),
]);

export const Shipment = Type.Object(
  {
    shipmentId: Type.String(),
    orderId: Type.String(),
    market: Type.String(),
    status: Type.String(),
    carrier: Type.String(),
    serviceLevel: ServiceLevelSchema,
    shipFrom: ShipFromSchema,
    shipTo: AddressSchema,
    collectionStoreId: Type.Union([Type.String(), Type.Null()]),
    lines: Type.Array(LineSchema),
    parcel: ParcelSchema,
    label: Type.Union([
      Type.Null(),
      Type.Object({
        carrier: Type.String(),
        service: Type.String(),
        trackingNumber: Type.String(),
        labelReference: Type.String(),
        cost: MoneySchema,
      }),
    ]),
    failure: Type.Union([Type.String(), Type.Null()]),
    tracking: Type.Array(
      Type.Object({
        status: Type.String(),
        occurredAt: Type.String(),
        location: LocationSchema,
        description: Type.String(),
        applied: Type.Boolean({ description: 'false: a late or repeated report kept only as history' }),
      }),
    ),
    requestedAt: Type.String(),
    version: Type.Integer(),
  },
  { $id: 'Shipment' },
);

export const ShipmentSummaries = Type.Object({
  items: Type.Array(
    Type.Object({
      shipmentId: Type.String(),
      orderId: Type.String(),
      carrier: Type.String(),
      trackingNumber: Type.Union([Type.String(), Type.Null()]),
      status: Type.String(),
      version: Type.Integer(),
      requestedAt: Type.String(),
      updatedAt: Type.String(),
    }),
  ),
});
