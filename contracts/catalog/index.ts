/**
 * The catalog's public language: product and price list event data (JSON Schemas in product/ and pricelist/,
 * these types written by hand to match them) and the pricing rule every context shares.
 */
export type {
  ProductAttributeValue,
  ProductAttributes,
  ProductImage,
  ProductCreated,
  ProductUpdated,
  ProductDiscontinued,
  ProductEventType,
} from './product/product-events.js';
export { SKU_PATTERN, isSku } from './product/sku.js';
export type {
  PriceListScope,
  PriceListCreated,
  PriceSet,
  PriceRemoved,
  Discount,
  PromotionScheduled,
  PromotionCancelled,
  PriceListEventType,
} from './pricelist/pricelist-events.js';
export { applyDiscount } from './pricelist/apply-discount.js';
export {
  effectivePrice,
  type EffectivePrice,
  type PriceEntry,
  type PromotionEntry,
} from './pricelist/effective-price.js';
