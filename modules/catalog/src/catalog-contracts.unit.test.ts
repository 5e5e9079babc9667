import { beforeAll, describe, expect, it } from 'vitest';
import { fold, isDomainError, type Command, type DecidedEvent, type Decider } from '@omnistream/kernel';
import type { Contract } from '@omnistream/schema-registry';
import { contractValidator, loadContextContracts } from '@omnistream/testing';
import type { Discount } from '@omnistream/contracts/catalog';
import { priceList, type PriceListCommand, type PriceListEvent } from './domain/price-list/price-list.js';
import type { PriceList } from './domain/price-list/price-list-state.js';
import { product, type Product, type ProductCommand, type ProductEvent } from './domain/product/product.js';

/** Runs commands through a decider the way the command handler does, collecting what it decides. */
const run = <S, C extends Command, E extends DecidedEvent>(
  decider: Decider<S, C, E>,
  commands: readonly C[],
) => {
  const events: E[] = [];
  for (const command of commands)
    events.push(...decider.decide(command, fold(decider, decider.initialState(), events)));
  return events;
};

const now = '2025-06-01T10:00:00.000Z';
const productEvents = run<Product, ProductCommand, ProductEvent>(product, [
  {
    type: 'CreateProduct',
    data: {
      sku: 'TEE-RED_M.1',
      name: 'Red tee',
      description: '',
      attributes: { colour: 'red', weightGrams: 180.5, organic: false },
      images: [
        { url: 'https://img.example.com/a.jpg', alt: 'front' },
        { url: 'http://img.example.com/b.jpg' },
      ],
    },
    metadata: { now },
  },
  {
    type: 'UpdateProduct',
    data: { sku: 'TEE-RED_M.1', name: 'Crimson tee', attributes: {}, images: [] },
    metadata: { now },
  },
  { type: 'UpdateProduct', data: { sku: 'TEE-RED_M.1', description: 'Soft.' }, metadata: { now } },
  { type: 'DiscontinueProduct', data: { sku: 'TEE-RED_M.1' }, metadata: { now } },
]);

const list = { priceListId: 'gb-web-2025', metadata: { now } };
const priceListEvents = run<PriceList, PriceListCommand, PriceListEvent>(priceList, [
  {
    type: 'CreatePriceList',
    data: { priceListId: list.priceListId, name: 'GB web', market: 'GB', channel: 'web', currency: 'GBP' },
    metadata: list.metadata,
  },
  ...[
    { sku: 'TEE-1', amount: 1299, validFrom: '2025-01-01T00:00:00Z', validTo: null },
    { sku: 'TEE-1', amount: 0, validFrom: '2025-03-01T00:00:00+01:00', validTo: '2025-04-01T00:00:00Z' },
  ].map((data): PriceListCommand => ({
    type: 'SetPrice',
    data: { priceListId: list.priceListId, ...data },
    metadata: list.metadata,
  })),
  {
    type: 'RemovePrice',
    data: { priceListId: list.priceListId, sku: 'TEE-1', validFrom: '2025-03-01T00:00:00+01:00' },
    metadata: list.metadata,
  },
  ...[
    { promotionId: 'p1', discount: { kind: 'percent', percent: 100 } },
    { promotionId: 'p2', discount: { kind: 'amount_off', amount: 1 } },
  ]
    .map((promotion) => promotion as { promotionId: string; discount: Discount })
    .map(({ promotionId, discount }): PriceListCommand => ({
      type: 'SchedulePromotion',
      data: {
        priceListId: list.priceListId,
        promotionId,
        name: 'Sale',
        skus: ['TEE-1', 'TEE-2'],
        discount,
        validFrom: '2025-06-01T00:00:00Z',
        validTo: '2025-06-02T00:00:00Z',
      },
      metadata: list.metadata,
    })),
  {
    type: 'CancelPromotion',
    data: { priceListId: list.priceListId, promotionId: 'p1' },
    metadata: list.metadata,
  },
]);

describe('the catalog contracts', () => {
  let contracts: Contract[];
  let validate: ReturnType<typeof contractValidator>;
  beforeAll(async () => {
    contracts = await loadContextContracts('catalog');
    validate = contractValidator(contracts);
  });

  it('are read by the server loader as the public events of catalog.product and catalog.pricelist', () =>
    expect(contracts.map((c) => `${c.subject} v${c.version}`)).toEqual([
      'catalog.pricelist-PriceListCreated v1',
      'catalog.pricelist-PriceRemoved v1',
      'catalog.pricelist-PriceSet v1',
      'catalog.pricelist-PromotionCancelled v1',
      'catalog.pricelist-PromotionScheduled v1',
      'catalog.product-ProductCreated v1',
      'catalog.product-ProductDiscontinued v1',
      'catalog.product-ProductUpdated v1',
    ]));

  it('close every object they describe, except the attribute map', () => {
    const open: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) return node.forEach((child, i) => walk(child, `${path}/${i}`));
      if (typeof node !== 'object' || node === null) return;
      const schema = node as Record<string, unknown>;
      if (schema.type === 'object' && schema.additionalProperties !== false && !path.endsWith('/attributes'))
        open.push(path);
      for (const [key, child] of Object.entries(schema)) walk(child, `${path}/${key}`);
    };
    for (const contract of contracts) walk(contract.schema, contract.subject);
    expect(open).toEqual([]);
  });

  it('cover every event the deciders decide', () => {
    const decided = new Set([...productEvents, ...priceListEvents].map((event) => event.type));
    expect([...decided].sort()).toEqual(contracts.map((c) => c.eventType).sort());
  });

  it('accept every event the deciders decide', () => {
    for (const event of productEvents) validate('product-TEE-RED_M.1', [event]);
    for (const event of priceListEvents) validate(`pricelist-${list.priceListId}`, [event]);
  });

  it.each([
    ['a fractional amount', 'PriceSet', { amount: 12.5 }],
    ['a missing validTo', 'PriceSet', { validTo: undefined }],
    ['a lower-case currency', 'PriceSet', { currency: 'gbp' }],
    ['an unknown field', 'PriceSet', { note: 'x' }],
    ['a time without a zone', 'PriceSet', { validFrom: '2025-01-01T00:00:00' }],
    ['no SKUs', 'PromotionScheduled', { skus: [] }],
    ['a repeated SKU', 'PromotionScheduled', { skus: ['TEE-1', 'TEE-1'] }],
    [
      'a discount of two kinds',
      'PromotionScheduled',
      { discount: { kind: 'percent', percent: 5, amount: 1 } },
    ],
  ])('refuse %s', (_case, type, change) => {
    const event = priceListEvents.find((e) => e.type === type) as DecidedEvent;
    const data = JSON.parse(JSON.stringify({ ...(event.data as object), ...change })) as unknown;
    let error: unknown;
    try {
      validate(`pricelist-${list.priceListId}`, [{ type, data }]);
    } catch (caught) {
      error = caught;
    }
    expect(isDomainError(error, 'SCHEMA_VALIDATION_FAILED')).toBe(true);
  });

  it('refuse an attribute holding an object', () =>
    expect(() =>
      validate('product-X', [
        {
          type: 'ProductCreated',
          data: { ...(productEvents[0]?.data as object), attributes: { size: { eu: 40 } } },
        },
      ]),
    ).toThrow(/SCHEMA_VALIDATION_FAILED|attributes/));
});
