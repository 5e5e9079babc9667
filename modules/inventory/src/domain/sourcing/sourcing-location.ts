import type { LocationCapability } from '../location/location.js';

/**
 * A DC or store as sourcing sees it at the moment of a decision: where it is, what it can do and how busy it is
 * today. What it can promise is in SourcingNetwork.stockOf, kept by SKU as the stock read model keeps it.
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
}
