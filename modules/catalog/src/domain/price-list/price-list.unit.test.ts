import { describe, expect, it } from 'vitest';
import { decideSpec, fold } from '@omnistream/kernel';
import { priceList, type PriceListCommand, type PriceListEvent } from './price-list.js';

const now = '2025-06-01T10:00:00.000Z';
const spec = decideSpec(priceList);
const scope = { priceListId: 'gb-web', market: 'GB', channel: 'web', currency: 'GBP' } as const;

type DataOf<T extends PriceListCommand['type']> = Extract<PriceListCommand, { type: T }>['data'];
const command = <T extends PriceListCommand['type']>(type: T, data: Omit<DataOf<T>, 'priceListId'>) =>
  ({
    type,
    data: { priceListId: scope.priceListId, ...data },
    metadata: { now },
  }) as unknown as PriceListCommand;

const createList = command('CreatePriceList', {
  name: 'GB web',
  market: 'GB',
  channel: 'web',
  currency: 'GBP',
});
const created: PriceListEvent = {
  type: 'PriceListCreated',
  data: { ...scope, name: 'GB web', createdAt: now },
};
const setPrice = (
  amount: number,
  validFrom = '2025-01-01T00:00:00Z',
  validTo: string | null = null,
  sku = 'TEE-1',
) => command('SetPrice', { sku, amount, validFrom, validTo });
const priceSet = (
  amount: number,
  validFrom = '2025-01-01T00:00:00.000Z',
  validTo: string | null = null,
): PriceListEvent => ({
  type: 'PriceSet',
  data: { ...scope, sku: 'TEE-1', amount, validFrom, validTo },
});
const summer = {
  promotionId: 'summer',
  name: 'Summer sale',
  skus: ['TEE-1', 'TEE-2'],
  discount: { kind: 'percent', percent: 20 },
  validFrom: '2025-06-01T00:00:00Z',
  validTo: '2025-07-01T00:00:00Z',
} as const;
const scheduled: PriceListEvent = {
  type: 'PromotionScheduled',
  data: {
    ...scope,
    ...summer,
    skus: ['TEE-1', 'TEE-2'],
    validFrom: '2025-06-01T00:00:00.000Z',
    validTo: '2025-07-01T00:00:00.000Z',
  },
};

describe('a price list', () => {
  it('is created for one market, channel and currency', () =>
    spec.given([]).when(createList).then([created]));

  it('cannot be created twice', () =>
    spec.given([created]).when(createList).thenRejects('PRICE_LIST_ALREADY_EXISTS'));

  it.each([
    ['a lower-case currency', { currency: 'gbp' }, 'INVALID_CURRENCY'],
    ['a three-letter market', { market: 'GBR' }, 'INVALID_MARKET'],
    ['a channel with capitals', { channel: 'Web' }, 'INVALID_CHANNEL'],
    ['an id with a slash', { priceListId: 'gb/web' }, 'INVALID_PRICE_LIST_ID'],
    ['a blank name', { name: ' ' }, 'INVALID_PRICE_LIST_NAME'],
  ])('refuses %s', (_case, change, code) =>
    spec
      .given([])
      .when({ ...createList, data: { ...createList.data, ...change } } as PriceListCommand)
      .thenRejects(code),
  );

  it('takes no prices before it exists', () =>
    spec.given([]).when(setPrice(1000)).thenRejects('PRICE_LIST_NOT_FOUND'));
});

describe('prices', () => {
  it('are set in the list currency with canonical UTC times', () =>
    spec
      .given([created])
      .when(setPrice(1299, '2025-01-01T01:00:00+01:00', '2025-12-31T23:59:59.5Z'))
      .then([priceSet(1299, '2025-01-01T00:00:00.000Z', '2025-12-31T23:59:59.500Z')]));

  it('replace the entry with the same SKU and validFrom, however the time is written', () =>
    spec
      .given([created, priceSet(1299)])
      .when(setPrice(1099, '2025-01-01T00:00:00.000+00:00'))
      .then([priceSet(1099)]));

  it('decide nothing when the entry is already so', () =>
    spec
      .given([created, priceSet(1299)])
      .when(setPrice(1299, '2025-01-01T00:00:00Z'))
      .then([]));

  it('may be free but not negative or fractional', () => {
    spec
      .given([created])
      .when(setPrice(0))
      .then([priceSet(0)]);
    spec.given([created]).when(setPrice(-1)).thenRejects('INVALID_AMOUNT');
    spec.given([created]).when(setPrice(12.99)).thenRejects('INVALID_AMOUNT');
  });

  it('need validTo after validFrom', () => {
    spec
      .given([created])
      .when(setPrice(1000, '2025-02-01T00:00:00Z', '2025-01-01T00:00:00Z'))
      .thenRejects('INVALID_VALIDITY_WINDOW');
    spec
      .given([created])
      .when(setPrice(1000, '2025-02-01T00:00:00Z', '2025-02-01T00:00:00Z'))
      .thenRejects('INVALID_VALIDITY_WINDOW');
  });

  it.each([
    ['no time zone', '2025-02-01T00:00:00'],
    ['a date that does not exist', '2025-02-30T00:00:00Z'],
    ['a year beyond 9999', '+010000-01-01T00:00:00Z'],
    ['a date only', '2025-02-01'],
  ])('refuse a time with %s', (_case, validFrom) =>
    spec.given([created]).when(setPrice(1000, validFrom)).thenRejects('INVALID_TIME'),
  );

  it('refuse another currency than the list', () =>
    spec
      .given([created])
      .when(command('SetPrice', { sku: 'TEE-1', amount: 1, validFrom: now, validTo: null, currency: 'EUR' }))
      .thenRejects('CURRENCY_MISMATCH'));

  it('refuse an invalid SKU', () =>
    spec
      .given([created])
      .when(setPrice(1, now, null, 'A,B'))
      .thenRejects('INVALID_SKU'));

  it('are removed by SKU and validFrom', () => {
    spec
      .given([created, priceSet(1299)])
      .when(command('RemovePrice', { sku: 'TEE-1', validFrom: '2025-01-01T00:00:00Z' }))
      .then([
        { type: 'PriceRemoved', data: { ...scope, sku: 'TEE-1', validFrom: '2025-01-01T00:00:00.000Z' } },
      ]);
    spec
      .given([created, priceSet(1299)])
      .when(command('RemovePrice', { sku: 'TEE-1', validFrom: '2025-02-01T00:00:00Z' }))
      .thenRejects('PRICE_NOT_FOUND');
  });

  it('are gone from the state once removed', () => {
    const state = fold(priceList, priceList.initialState(), [
      created,
      priceSet(1299),
      { type: 'PriceRemoved', data: { ...scope, sku: 'TEE-1', validFrom: '2025-01-01T00:00:00.000Z' } },
    ]);
    expect(state.status === 'open' && state.prices.size).toBe(0);
  });
});

describe('promotions', () => {
  it('are scheduled over valid SKUs with a discount and a window', () =>
    spec.given([created]).when(command('SchedulePromotion', summer)).then([scheduled]));

  it('are scheduled once; the same again decides nothing, a different one is refused', () => {
    spec.given([created, scheduled]).when(command('SchedulePromotion', summer)).then([]);
    spec
      .given([created, scheduled])
      .when(command('SchedulePromotion', { ...summer, discount: { kind: 'percent', percent: 30 } }))
      .thenRejects('PROMOTION_ALREADY_EXISTS');
  });

  it.each([
    ['no SKUs', { skus: [] }, 'INVALID_PROMOTION_SKUS'],
    ['a SKU twice', { skus: ['TEE-1', 'TEE-1'] }, 'INVALID_PROMOTION_SKUS'],
    ['an invalid SKU', { skus: ['TEE 1'] }, 'INVALID_SKU'],
    ['0 percent', { discount: { kind: 'percent', percent: 0 } }, 'INVALID_DISCOUNT'],
    ['101 percent', { discount: { kind: 'percent', percent: 101 } }, 'INVALID_DISCOUNT'],
    ['a fractional percent', { discount: { kind: 'percent', percent: 12.5 } }, 'INVALID_DISCOUNT'],
    ['nothing off', { discount: { kind: 'amount_off', amount: 0 } }, 'INVALID_AMOUNT'],
    ['an unknown kind', { discount: { kind: 'bogo' } }, 'INVALID_DISCOUNT'],
    ['no end', { validTo: null }, 'INVALID_VALIDITY_WINDOW'],
    ['an end before its start', { validTo: '2025-05-01T00:00:00Z' }, 'INVALID_VALIDITY_WINDOW'],
    ['an invalid id', { promotionId: '-x' }, 'INVALID_PROMOTION_ID'],
  ])('refuse %s', (_case, change, code) =>
    spec
      .given([created])
      .when(command('SchedulePromotion', { ...summer, ...change } as never))
      .thenRejects(code),
  );

  it('are cancelled once, and their id is not reused', () => {
    const cancel = command('CancelPromotion', { promotionId: 'summer' });
    const cancelled: PriceListEvent = {
      type: 'PromotionCancelled',
      data: { ...scope, promotionId: 'summer' },
    };
    spec.given([created, scheduled]).when(cancel).then([cancelled]);
    spec.given([created, scheduled, cancelled]).when(cancel).then([]);
    spec
      .given([created, scheduled, cancelled])
      .when(command('SchedulePromotion', summer))
      .thenRejects('PROMOTION_ALREADY_EXISTS');
  });

  it('cannot be cancelled when unknown', () =>
    spec
      .given([created])
      .when(command('CancelPromotion', { promotionId: 'nope' }))
      .thenRejects('PROMOTION_NOT_FOUND'));
});
