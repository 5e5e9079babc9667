/**
 * What a SKU may look like in every catalog contract: a letter or digit, then up to 63 letters, digits or `._-`.
 * It excludes `,` (SKU lists in query strings) and spaces, and fits a stream id (`product-<sku>`).
 */
export const SKU_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$';

const SKU = new RegExp(SKU_PATTERN);

export const isSku = (value: unknown): value is string => typeof value === 'string' && SKU.test(value);
