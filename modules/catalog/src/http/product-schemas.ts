import { Type, type Static } from '@sinclair/typebox';
import { SKU_PATTERN, type ProductAttributes } from '@omnistream/contracts/catalog';

// Shapes only: the rules with reasons (name length, attribute names and values, image URLs) are the decider's,
// so every caller gets the same messages. Attribute values are not typed in requests: Fastify coerces types, and
// under anyOf it would turn 180 into "180" (or "42" into 42), while a type list needs Ajv's allowUnionTypes.

export const Sku = Type.String({
  pattern: SKU_PATTERN,
  description: 'A letter or digit, then up to 63 letters, digits or ._-',
  examples: ['TEE-RED-M'],
});

const AttributesIn = Type.Unsafe<ProductAttributes>({
  type: 'object',
  additionalProperties: { description: 'a string, a number or a boolean' },
  description: 'Up to 100 facts by name, e.g. {"colour": "red", "weightGrams": 180, "organic": true}',
});

const AttributesOut = Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()]));

const Image = Type.Object(
  {
    url: Type.String({ description: 'http or https', examples: ['https://img.example.com/tee.jpg'] }),
    alt: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

const Images = Type.Array(Image, { description: 'Up to 50, in display order; the first is the main image.' });

export const CreateProductBody = Type.Object(
  {
    sku: Sku,
    name: Type.String({ description: '1 to 200 characters' }),
    description: Type.Optional(Type.String({ description: 'Up to 10,000 characters; empty when absent' })),
    attributes: Type.Optional(AttributesIn),
    images: Type.Optional(Images),
  },
  { additionalProperties: false },
);
export type CreateProductBody = Static<typeof CreateProductBody>;

export const UpdateProductBody = Type.Object(
  {
    name: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
    attributes: Type.Optional(AttributesIn),
    images: Type.Optional(Images),
  },
  {
    additionalProperties: false,
    description: 'Each field present replaces the current value whole; absent fields stay as they are.',
  },
);
export type UpdateProductBody = Static<typeof UpdateProductBody>;

export const Product = Type.Object(
  {
    sku: Type.String(),
    name: Type.String(),
    description: Type.String(),
    attributes: AttributesOut,
    images: Images,
    status: Type.Union([Type.Literal('active'), Type.Literal('discontinued')]),
    version: Type.Integer({ description: 'Send it back as If-Match to update' }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    discontinuedAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { $id: 'CatalogProduct', title: 'CatalogProduct' },
);

export const ProductPage = Type.Object({
  items: Type.Array(Type.Ref('CatalogProduct')),
  next: Type.Optional(Type.String({ description: 'Pass as cursor for the next page; absent on the last' })),
});
