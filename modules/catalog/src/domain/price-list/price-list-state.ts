import type { PersistentMap } from '@omnistream/kernel';
import type { Discount, PriceListScope } from '@omnistream/contracts/catalog';

export interface PriceListHeader extends PriceListScope {
  readonly name: string;
}

export interface StoredPrice {
  readonly sku: string;
  readonly amount: number;
  readonly validFrom: string;
  readonly validTo: string | null;
}

export interface StoredPromotion {
  readonly promotionId: string;
  readonly name: string;
  readonly skus: readonly string[];
  readonly discount: Discount;
  readonly validFrom: string;
  readonly validTo: string;
  readonly cancelled: boolean;
}

/** Prices by `priceKey`, promotions by id: persistent maps, so evolve stays pure and cheap on long lists. */
export type PriceList =
  | { readonly status: 'unknown' }
  | {
      readonly status: 'open';
      readonly header: PriceListHeader;
      readonly prices: PersistentMap<StoredPrice>;
      readonly promotions: PersistentMap<StoredPromotion>;
    };

/** A price entry's identity within its list: (sku, validFrom); a space appears in neither. */
export const priceKey = (sku: string, validFrom: string): string => `${sku} ${validFrom}`;
