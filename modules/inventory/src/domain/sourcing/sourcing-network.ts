import type { SourcingLocation } from './sourcing-location.js';

/**
 * What sourcing decides over: the candidate locations and their stock. Stock is looked up by SKU (as stock items
 * are kept), not by location, because a decision needs the order's few SKUs at every location: reading a
 * thousand per-location tables costs a cache miss each, reading two per-SKU tables does not.
 */
export interface SourcingNetwork {
  /** The candidates, in a stable order (explanations list them in this order). Treat the array as immutable. */
  readonly locations: readonly SourcingLocation[];
  /**
   * Units each location can promise of `sku` (on hand less reserved and safety stock), keyed by location id; a
   * location missing from the map, or a SKU without one, has none.
   */
  stockOf(sku: string): ReadonlyMap<string, number> | undefined;
}
