import type { SourcingLocation } from './sourcing-location.js';

/**
 * What sourcing decides over: the candidate locations and their stock. Stock is looked up by SKU (as stock items
 * are kept), not by location, because a decision needs the order's few SKUs at every location: reading a
 * thousand per-location tables costs a cache miss each, reading two per-SKU tables does not.
 */
export interface SourcingNetwork {
  /**
   * The candidates, in a stable order (explanations list them in this order). The engine caches what follows
   * from each location's id, latitude and capabilities for as long as the same object sits at the same place in
   * the same array: when those change, put a new object in (or pass a new array). Load, capacity, priority and
   * open are read afresh at every decision, so a caller may update them in place.
   */
  readonly locations: readonly SourcingLocation[];
  /**
   * Units each location can promise of `sku` (on hand less reserved and safety stock), keyed by location id; a
   * location missing from the map, or a SKU without one, has none.
   */
  stockOf(sku: string): ReadonlyMap<string, number> | undefined;
}
