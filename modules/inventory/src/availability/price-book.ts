import {
  effectivePrice,
  type EffectivePrice,
  type PriceEntry,
  type PromotionEntry,
} from '@omnistream/contracts/catalog';
import type { PriceListEvent } from '../read-models/channel-price-projection.js';
import { priceScope } from '../read-models/channel-price-projection.js';

interface ScopeBook {
  /** Entries by SKU, then by validFrom. */
  readonly prices: Map<string, Map<string, PriceEntry>>;
  /** Promotions by SKU, then by promotion id. */
  readonly promotions: Map<string, Map<string, PromotionEntry>>;
  readonly promotionSkus: Map<string, readonly string[]>;
}

/**
 * Prices in memory per scope (market, price channel, currency), kept from the catalog's public price list events,
 * indexed by SKU so pricing one SKU reads only its own entries and promotions.
 */
export const createPriceBook = () => {
  const scopes = new Map<string, ScopeBook>();
  const bookOf = (scope: string): ScopeBook => {
    let book = scopes.get(scope);
    if (book === undefined) {
      book = { prices: new Map(), promotions: new Map(), promotionSkus: new Map() };
      scopes.set(scope, book);
    }
    return book;
  };
  const removePromotion = (book: ScopeBook, promotionId: string) => {
    for (const sku of book.promotionSkus.get(promotionId) ?? [])
      book.promotions.get(sku)?.delete(promotionId);
    book.promotionSkus.delete(promotionId);
  };
  const setPrice = (scope: string, entry: PriceEntry) => {
    const book = bookOf(scope);
    const bySku = book.prices.get(entry.sku) ?? new Map<string, PriceEntry>();
    bySku.set(entry.validFrom, entry);
    book.prices.set(entry.sku, bySku);
  };
  const schedule = (scope: string, promotion: PromotionEntry) => {
    const book = bookOf(scope);
    removePromotion(book, promotion.promotionId);
    for (const sku of promotion.skus) {
      const bySku = book.promotions.get(sku) ?? new Map<string, PromotionEntry>();
      bySku.set(promotion.promotionId, promotion);
      book.promotions.set(sku, bySku);
    }
    book.promotionSkus.set(promotion.promotionId, promotion.skus);
  };
  return {
    setPrice,
    schedule,
    apply: (event: PriceListEvent) => {
      const scope = priceScope(event.data);
      switch (event.type) {
        case 'PriceSet':
          return setPrice(scope, event.data);
        case 'PriceRemoved':
          return void scopes.get(scope)?.prices.get(event.data.sku)?.delete(event.data.validFrom);
        case 'PromotionScheduled':
          return schedule(scope, event.data);
        case 'PromotionCancelled': {
          const book = scopes.get(scope);
          if (book !== undefined) removePromotion(book, event.data.promotionId);
          return;
        }
      }
    },
    /** The price of a SKU in a scope at an instant, by the catalog's pricing rule; undefined when unpriced. */
    price: (
      scope: { market: string; channel: string; currency: string },
      sku: string,
      at: Date,
    ): EffectivePrice | undefined => {
      const book = scopes.get(priceScope(scope));
      const entries = book?.prices.get(sku);
      if (book === undefined || entries === undefined) return undefined;
      return effectivePrice([...entries.values()], [...(book.promotions.get(sku)?.values() ?? [])], sku, at);
    },
  };
};

export type PriceBook = ReturnType<typeof createPriceBook>;
