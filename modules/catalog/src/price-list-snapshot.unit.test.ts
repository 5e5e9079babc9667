import { describe, expect, it } from 'vitest';
import { fold } from '@omnistream/kernel';
import { priceList, type PriceListCommand, type PriceListEvent } from './domain/price-list/price-list.js';
import type { PriceList } from './domain/price-list/price-list-state.js';
import { priceListSnapshot } from './price-list-snapshot.js';

const scope = { priceListId: 'gb-web', market: 'GB', channel: 'web', currency: 'GBP' };
const events: PriceListEvent[] = [
  { type: 'PriceListCreated', data: { ...scope, name: 'GB web', createdAt: '2025-01-01T00:00:00.000Z' } },
  ...Array.from({ length: 30 }, (_, i): PriceListEvent => ({
    type: 'PriceSet',
    data: {
      ...scope,
      sku: `SKU-${i}`,
      amount: 100 + i,
      validFrom: '2025-01-01T00:00:00.000Z',
      validTo: null,
    },
  })),
  {
    type: 'PromotionScheduled',
    data: {
      ...scope,
      promotionId: 'p',
      name: 'P',
      skus: ['SKU-1'],
      discount: { kind: 'percent', percent: 10 },
      validFrom: '2025-06-01T00:00:00.000Z',
      validTo: '2025-07-01T00:00:00.000Z',
    },
  },
  { type: 'PromotionCancelled', data: { ...scope, promotionId: 'p' } },
];

/** Through JSON, as the snapshot store keeps it. */
const roundTrip = (state: PriceList): PriceList =>
  priceListSnapshot.fromJSON?.(JSON.parse(JSON.stringify(priceListSnapshot.toJSON?.(state)))) as PriceList;

const decideOn = (state: PriceList, command: Omit<PriceListCommand, 'metadata'>) =>
  priceList.decide({ ...command, metadata: { now: '2025-06-01T00:00:00.000Z' } } as PriceListCommand, state);

describe('the price list snapshot', () => {
  const folded = fold(priceList, priceList.initialState(), events);
  const restored = roundTrip(folded);

  it('restores every entry and promotion', () => {
    if (folded.status !== 'open' || restored.status !== 'open') throw new Error('expected open lists');
    expect(restored.header).toEqual(folded.header);
    expect(new Map(restored.prices.entries())).toEqual(new Map(folded.prices.entries()));
    expect(new Map(restored.promotions.entries())).toEqual(new Map(folded.promotions.entries()));
  });

  it('leads to the same decisions as folding every event', () => {
    const commands: Omit<PriceListCommand, 'metadata'>[] = [
      {
        type: 'SetPrice',
        data: {
          priceListId: 'gb-web',
          sku: 'SKU-3',
          amount: 103,
          validFrom: '2025-01-01T00:00:00Z',
          validTo: null,
        },
      },
      {
        type: 'SetPrice',
        data: {
          priceListId: 'gb-web',
          sku: 'SKU-3',
          amount: 99,
          validFrom: '2025-01-01T00:00:00Z',
          validTo: null,
        },
      },
      { type: 'CancelPromotion', data: { priceListId: 'gb-web', promotionId: 'p' } },
    ];
    for (const command of commands) expect(decideOn(restored, command)).toEqual(decideOn(folded, command));
  });

  it('keeps a list that does not exist yet as such', () =>
    expect(roundTrip(priceList.initialState())).toEqual({ status: 'unknown' }));
});
