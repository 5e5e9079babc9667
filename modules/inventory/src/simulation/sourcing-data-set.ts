import type { SourcingLocation } from '../domain/sourcing/sourcing-location.js';
import type { SourcingNetwork } from '../domain/sourcing/sourcing-network.js';

/** A network to replay orders against: its locations, its stock by SKU and its catalogue. */
export interface SourcingDataSet {
  /** The seed it was generated from, or null for a data set from elsewhere. */
  readonly seed: number | null;
  /** Every SKU, best-selling first: the order generator draws them with Zipf weights in this order. */
  readonly skus: readonly string[];
  readonly locations: readonly SourcingLocation[];
  /** Units each location can promise, by SKU then location id. */
  readonly stock: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

/** The data set as the engine reads it. */
export const networkOfDataSet = (dataSet: SourcingDataSet): SourcingNetwork => ({
  locations: dataSet.locations,
  stockOf: (sku) => dataSet.stock.get(sku),
});
