/**
 * Data of the public price list events (stream `pricelist-<priceListId>`, Kafka topic `catalog.pricelist`),
 * written by hand to match the JSON Schemas beside this file. Wire format: change only together with a
 * compatible schema edit. Amounts are integer minor units of the list's currency; times are ISO 8601 UTC.
 */

/** Where a list's prices apply; every price list event repeats it so consumers need no lookup. */
export interface PriceListScope {
  readonly priceListId: string;
  /** ISO 3166-1 alpha-2, e.g. `GB`. */
  readonly market: string;
  /** e.g. `web`, `app`, `marketplace`, `store`. */
  readonly channel: string;
  /** ISO 4217, e.g. `GBP`. */
  readonly currency: string;
}

export interface PriceListCreated extends PriceListScope {
  readonly name: string;
  readonly createdAt: string;
}

/**
 * A price entry, identified by (priceListId, sku, validFrom); setting it again replaces it. It applies from
 * `validFrom` (inclusive) to `validTo` (exclusive, null for open-ended); see effectivePrice for overlaps.
 */
export interface PriceSet extends PriceListScope {
  readonly sku: string;
  readonly amount: number;
  readonly validFrom: string;
  readonly validTo: string | null;
}

export interface PriceRemoved extends PriceListScope {
  readonly sku: string;
  readonly validFrom: string;
}

export type Discount =
  /** Whole percent (1..100) off; the discount is rounded down to a whole minor unit. */
  | { readonly kind: 'percent'; readonly percent: number }
  /** Minor units off (>= 1); the price never goes below 0. */
  | { readonly kind: 'amount_off'; readonly amount: number };

export interface PromotionScheduled extends PriceListScope {
  readonly promotionId: string;
  readonly name: string;
  /** Non-empty, no repeats. */
  readonly skus: readonly string[];
  readonly discount: Discount;
  readonly validFrom: string;
  /** Exclusive; always after validFrom. */
  readonly validTo: string;
}

/** The promotion no longer applies; its id is not reused. */
export interface PromotionCancelled extends PriceListScope {
  readonly promotionId: string;
}

export type PriceListEventType =
  'PriceListCreated' | 'PriceSet' | 'PriceRemoved' | 'PromotionScheduled' | 'PromotionCancelled';
