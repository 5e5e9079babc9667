export type LocationType = 'dc' | 'store';

/**
 * A versioned sourcing policy. Every cost is in kilometre-equivalents ("km-eq"), the unit of one kilometre of
 * distance at weight 1, so that "one extra shipment costs as much as 150 km" can be written down and compared.
 * Rule sets are values: a change is a new version, and every decision records the id and version that made it.
 */
export interface RuleSet {
  readonly id: string;
  /** A positive whole number, bumped on every change. */
  readonly version: number;
  readonly description: string;
  readonly weights: {
    /** km-eq per km between the location and the delivery point (or the chosen store, for transfers). */
    readonly distance: number;
    /** km-eq per priority point below the highest-priority eligible candidate of the same decision. */
    readonly priority: number;
    /** km-eq at a full day (todayLoad / dailyCapacity = 1): the store rotation index, spreading work. */
    readonly rotation: number;
  };
  /** km-eq per shipment beyond the first (shipment grouping). */
  readonly splitPenalty: number;
  /** A plan needing more shipments than this is unfulfillable. */
  readonly maxShipments: number;
  /** Candidates farther than this are excluded (TOO_FAR); null for no limit. */
  readonly maxDistanceKm: number | null;
  readonly capacity: {
    /**
     * `hard`: a location never takes more lines than its capacity left today (AT_CAPACITY when full).
     * `soft`: it may, at `overloadPenalty` km-eq per line beyond its capacity.
     */
    readonly mode: 'hard' | 'soft';
    readonly overloadPenalty: number;
  };
  readonly fulfilment: {
    readonly ship_to_home: { readonly locationTypes: readonly LocationType[] };
    readonly ship_from_store: { readonly locationTypes: readonly LocationType[] };
    readonly collect_in_store: {
      /** Whether lines the chosen store lacks may come from other locations by transfer. */
      readonly allowTransfer: boolean;
      readonly transferFrom: readonly LocationType[];
    };
  };
}
