import { describe, it } from 'vitest';
import { decideSpec } from '@omnistream/kernel';
import { product, type ProductCommand, type ProductDetails, type ProductEvent } from './product.js';

const now = '2025-06-01T10:00:00.000Z';
const later = '2025-06-02T10:00:00.000Z';
const spec = decideSpec(product);

const tee: ProductDetails = {
  sku: 'TEE-RED-M',
  name: 'Red tee',
  description: 'A red cotton tee.',
  attributes: { colour: 'red', size: 'M', weightGrams: 180, organic: true },
  images: [{ url: 'https://img.example.com/tee-red.jpg', alt: 'Red tee, front' }],
};

const create = (details: Partial<ProductDetails> = {}): ProductCommand => ({
  type: 'CreateProduct',
  data: { ...tee, ...details },
  metadata: { now },
});
const update = (
  changes: Omit<Extract<ProductCommand, { type: 'UpdateProduct' }>['data'], 'sku'>,
): ProductCommand => ({
  type: 'UpdateProduct',
  data: { sku: tee.sku, ...changes },
  metadata: { now: later },
});
const discontinue: ProductCommand = {
  type: 'DiscontinueProduct',
  data: { sku: tee.sku },
  metadata: { now: later },
};

const created: ProductEvent = { type: 'ProductCreated', data: { ...tee, createdAt: now } };
const discontinued: ProductEvent = {
  type: 'ProductDiscontinued',
  data: { sku: tee.sku, discontinuedAt: later },
};

describe('a product', () => {
  it('is created with its details and the time of the command', () =>
    spec.given([]).when(create()).then([created]));

  it('trims its name and keeps only the known fields of images', () =>
    spec
      .given([])
      .when(
        create({ name: '  Red tee ', images: [{ url: 'https://img.example.com/a.jpg', extra: 1 } as never] }),
      )
      .then([
        {
          type: 'ProductCreated',
          data: { ...tee, images: [{ url: 'https://img.example.com/a.jpg' }], createdAt: now },
        },
      ]));

  it('cannot be created twice', () =>
    spec.given([created]).when(create()).thenRejects('PRODUCT_ALREADY_EXISTS'));

  it.each([
    ['a SKU with a space', { sku: 'TEE RED' }, 'INVALID_SKU'],
    ['an empty SKU', { sku: '' }, 'INVALID_SKU'],
    ['a blank name', { name: '   ' }, 'INVALID_PRODUCT_NAME'],
    ['a name of 201 characters', { name: 'x'.repeat(201) }, 'INVALID_PRODUCT_NAME'],
    ['a description that is not text', { description: 42 as never }, 'INVALID_PRODUCT_DESCRIPTION'],
    [
      'an attribute holding an object',
      { attributes: { size: { eu: 40 } } as never },
      'INVALID_PRODUCT_ATTRIBUTES',
    ],
    ['an attribute name with a space', { attributes: { 'shoe size': 40 } }, 'INVALID_PRODUCT_ATTRIBUTES'],
    ['an attribute that is not finite', { attributes: { weight: Number.NaN } }, 'INVALID_PRODUCT_ATTRIBUTES'],
    ['attributes as a list', { attributes: ['red'] as never }, 'INVALID_PRODUCT_ATTRIBUTES'],
    ['an image without a web URL', { images: [{ url: 'ftp://img/a.jpg' }] }, 'INVALID_PRODUCT_IMAGES'],
    [
      'an image alt that is not text',
      { images: [{ url: 'https://a/b', alt: 1 as never }] },
      'INVALID_PRODUCT_IMAGES',
    ],
    [
      '51 images',
      { images: Array.from({ length: 51 }, () => ({ url: 'https://a/b' })) },
      'INVALID_PRODUCT_IMAGES',
    ],
  ] as const)('refuses %s', (_case, details, code) => spec.given([]).when(create(details)).thenRejects(code));

  it('records only the fields an update changes', () =>
    spec
      .given([created])
      .when(update({ name: 'Red tee', description: 'Now organic.', attributes: { organic: true } }))
      .then([
        {
          type: 'ProductUpdated',
          data: {
            sku: tee.sku,
            description: 'Now organic.',
            attributes: { organic: true },
            updatedAt: later,
          },
        },
      ]));

  it('replaces images whole', () =>
    spec
      .given([created])
      .when(update({ images: [] }))
      .then([{ type: 'ProductUpdated', data: { sku: tee.sku, images: [], updatedAt: later } }]));

  it('decides nothing for an update that changes nothing, whatever the order of attribute names', () =>
    spec
      .given([created])
      .when(update({ attributes: { organic: true, weightGrams: 180, size: 'M', colour: 'red' } }))
      .then([]));

  it('folds earlier updates before comparing', () =>
    spec
      .given([
        created,
        { type: 'ProductUpdated', data: { sku: tee.sku, name: 'Crimson tee', updatedAt: later } },
      ])
      .when(update({ name: 'Crimson tee' }))
      .then([]));

  it('refuses an update naming no field', () =>
    spec.given([created]).when(update({})).thenRejects('INVALID_PRODUCT_UPDATE'));

  it('refuses an update with an invalid field', () =>
    spec
      .given([created])
      .when(update({ name: '' }))
      .thenRejects('INVALID_PRODUCT_NAME'));

  it('cannot be updated before it exists', () =>
    spec
      .given([])
      .when(update({ name: 'x' }))
      .thenRejects('PRODUCT_NOT_FOUND'));

  it('cannot be updated once discontinued', () =>
    spec
      .given([created, discontinued])
      .when(update({ name: 'x' }))
      .thenRejects('PRODUCT_DISCONTINUED'));

  it('is discontinued once; a second time decides nothing', () => {
    spec.given([created]).when(discontinue).then([discontinued]);
    spec.given([created, discontinued]).when(discontinue).then([]);
  });

  it('cannot be discontinued before it exists', () =>
    spec.given([]).when(discontinue).thenRejects('PRODUCT_NOT_FOUND'));
});
