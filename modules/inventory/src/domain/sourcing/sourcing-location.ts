import type { LocationCapability } from '../location/location.js';

/**
 * A DC or store as sourcing sees it at the moment of a decision: where it is, what it can do, how busy it is
 * today and what it can promise. The caller builds it from the location and stock read models.
 */
export interface SourcingLocation {
  readonly id: string;
  readonly type: 'dc' | 'store';
  readonly lat: number;
  readonly lon: number;
  /** Higher is preferred. */
  readonly priority: number;
  /** Order lines it can pick in a day (the same unit as `LocationProfile.dailyCapacity`). */
  readonly dailyCapacity: number;
  /** Order lines already given to it today. */
  readonly todayLoad: number;
  readonly capabilities: readonly LocationCapability[];
  readonly open: boolean;
  /** Units it can promise per SKU (on hand less reserved and safety stock); a missing SKU means none. */
  readonly stock: ReadonlyMap<string, number>;
}
