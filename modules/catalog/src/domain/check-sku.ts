import { DomainError } from '@omnistream/kernel';
import { SKU_PATTERN, isSku } from '@omnistream/contracts/catalog';

/** The SKU rule of the contracts, as an error a client can act on. */
export const checkSku = (value: unknown, where = 'sku'): string => {
  if (isSku(value)) return value;
  throw new DomainError(
    'INVALID_SKU',
    `${where} ${JSON.stringify(value)} is not a SKU: a letter or digit, then up to 63 letters, digits or ._- (${SKU_PATTERN})`,
  );
};
