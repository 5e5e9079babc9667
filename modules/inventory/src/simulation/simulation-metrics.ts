import type { UnfulfillableReason } from '../domain/sourcing/sourcing-decision.js';

/** What one replay of a day's orders under one planner and rule set measured. */
export interface SimulationMetrics {
  readonly label: string;
  readonly planner: 'engine' | 'greedy_baseline';
  readonly ruleSetId: string;
  readonly ruleSetVersion: number;
  readonly orders: number;
  readonly fulfilled: number;
  readonly unfulfillable: readonly {
    readonly orderId: string;
    readonly reason: UnfulfillableReason;
    readonly detail: string;
  }[];
  /** Over fulfilled orders. */
  readonly shipmentsPerOrder: number;
  /** Share of fulfilled orders with more than one shipment (a line split by quantity counts). */
  readonly splitRate: number;
  /**
   * Mean over fulfilled orders of the km of all their shipments (to the delivery point, or to the chosen store for
   * transfers; a pick-up at the chosen store is 0): what it takes to serve an order. The quality target uses it.
   */
  readonly kmPerOrder: number;
  /** Mean km of one shipment. */
  readonly kmPerShipment: number;
  /** Over open stores with capacity, at the end of the replay: the busiest store's load / capacity. */
  readonly maxStoreLoadRatio: number;
  /** The Gini coefficient of load / capacity over the same stores: 0 when work is spread evenly. */
  readonly storeLoadGini: number;
  /** Order lines the DC picked, over its capacity, at the end of the replay. */
  readonly dcLoadRatio: number;
  /** Planning time only: decisions per second of the planner and its latency percentiles. */
  readonly decisionsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}
