import type { LocationProfile } from '../domain/location/location.js';
import { promisable } from '../domain/stock/allocate.js';
import type { LocationStock } from '../domain/stock/stock-item-messages.js';

export interface SkuAvailability {
  readonly sku: string;
  /** Units the channel can promise now, over all the locations asked about. */
  readonly available: number;
  readonly locations: readonly { readonly locationId: string; readonly available: number }[];
}

/** What the given locations can promise of one SKU: on hand less reserved less safety stock, per location. */
export const channelAvailability = (
  sku: string,
  levels: ReadonlyMap<string, LocationStock> | undefined,
  locations: readonly LocationProfile[],
): SkuAvailability => {
  const perLocation: { locationId: string; available: number }[] = [];
  let available = 0;
  if (levels !== undefined)
    for (const location of locations) {
      const stock = levels.get(location.locationId);
      const units = stock === undefined ? 0 : promisable(stock);
      if (units === 0) continue;
      available += units;
      perLocation.push({ locationId: location.locationId, available: units });
    }
  return { sku, available, locations: perLocation };
};
