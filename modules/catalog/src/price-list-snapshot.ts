import { PersistentMap } from '@omnistream/kernel';
import type { SnapshotPolicy } from '@omnistream/event-store';
import type {
  PriceList,
  PriceListHeader,
  StoredPrice,
  StoredPromotion,
} from './domain/price-list/price-list-state.js';
import { priceKey } from './domain/price-list/price-list-state.js';

interface PriceListJson {
  readonly header: PriceListHeader;
  readonly prices: readonly StoredPrice[];
  readonly promotions: readonly StoredPromotion[];
}

/**
 * A price list stream grows with every price set (a list of 50,000 SKUs repriced weekly passes a million events
 * in a year), so commands start from a snapshot and fold only the events after it. Bump `version` whenever
 * PriceList or this JSON shape changes: snapshots of another version are ignored and rewritten.
 */
export const priceListSnapshot: SnapshotPolicy<PriceList> = {
  every: 200,
  version: 1,
  toJSON: (state) =>
    state.status === 'unknown'
      ? state
      : ({
          header: state.header,
          prices: [...state.prices.values()],
          promotions: [...state.promotions.values()],
        } satisfies PriceListJson),
  fromJSON: (json) => {
    if ((json as { status?: string }).status === 'unknown') return { status: 'unknown' };
    const { header, prices, promotions } = json as PriceListJson;
    return {
      status: 'open',
      header,
      prices: PersistentMap.of(prices.map((price) => [priceKey(price.sku, price.validFrom), price])),
      promotions: PersistentMap.of(promotions.map((promotion) => [promotion.promotionId, promotion])),
    };
  },
};
