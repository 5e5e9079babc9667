/**
 * A sourcing decision as inventory publishes it (OrderSourcingDecided.v1.schema.json, topic inventory.sourcing),
 * and as the sourcing engine returns it. Wire format: change only together with a compatible schema edit.
 */

/** How the customer receives the order: parcels to a delivery point, or collection at a chosen store. */
export type FulfilmentType = 'ship_to_home' | 'ship_from_store' | 'collect_in_store';

/** Why a candidate location could not take part in a decision; codes are stable, never reused. */
export type ExclusionReason =
  | 'CLOSED'
  | 'TYPE_NOT_ALLOWED'
  | 'NOT_CHOSEN_STORE'
  | 'MISSING_CAPABILITY'
  | 'AT_CAPACITY'
  | 'NO_STOCK'
  | 'TOO_FAR';

/** Why no plan was made; codes are stable, never reused. */
export type UnfulfillableReason =
  | 'UNKNOWN_STORE'
  | 'CHOSEN_STORE_UNAVAILABLE'
  | 'NO_ELIGIBLE_LOCATION'
  | 'INSUFFICIENT_STOCK'
  | 'CAPACITY_EXHAUSTED'
  | 'TOO_MANY_SHIPMENTS';

/** How a shipment reaches the customer: a parcel, a pick at the chosen store, or a transfer to that store. */
export type ShipmentMode = 'ship' | 'pick_up' | 'transfer';

export interface ShipmentLine {
  readonly lineId: string;
  readonly sku: string;
  readonly quantity: number;
}

export interface Shipment {
  readonly locationId: string;
  readonly mode: ShipmentMode;
  readonly lines: readonly ShipmentLine[];
  /** To the delivery point, or to the chosen store for pick-ups (0) and transfers. */
  readonly distanceKm: number;
}

export interface Allocation {
  readonly lineId: string;
  readonly sku: string;
  readonly locationId: string;
  readonly quantity: number;
}

/** A candidate's shipment cost, rule by rule, in km-eq; `total` is their sum. */
export interface ScoreBreakdown {
  readonly distance: number;
  readonly priority: number;
  readonly rotation: number;
}

export interface CandidateScore {
  readonly locationId: string;
  readonly distanceKm: number;
  readonly score: ScoreBreakdown;
  readonly total: number;
  /** Lines it holds in full, and lines it holds only part of. */
  readonly covers: readonly string[];
  readonly partial: readonly string[];
  readonly chosen: boolean;
}

/** Locations that failed the same hard filters, in the order given. */
export interface ExclusionGroup {
  readonly reasons: readonly ExclusionReason[];
  readonly locationIds: readonly string[];
}

/** The plan's cost: its shipments' totals plus the plan-level rules; `total` is their sum. */
export interface PlanCost {
  readonly shipments: number;
  readonly grouping: number;
  readonly overload: number;
  readonly total: number;
}

export interface SourcingExplanation {
  readonly fulfilment: FulfilmentType;
  /** Every eligible candidate, in the order given. */
  readonly candidates: readonly CandidateScore[];
  /**
   * Every other location with the filters it failed, grouped by those filters (fewest reasons first): a thousand
   * stores without stock are one group, not a thousand entries.
   */
  readonly excluded: readonly ExclusionGroup[];
  readonly planCost: PlanCost | null;
  /** The cheapest plan with a single shipment, for comparison with a split (null when none exists). */
  readonly bestSingleLocation: { readonly locationId: string; readonly total: number } | null;
}

interface DecisionBase {
  readonly orderId: string;
  readonly ruleSetId: string;
  readonly ruleSetVersion: number;
  readonly planner: 'engine' | 'greedy_baseline';
  readonly explanation: SourcingExplanation;
}

export type SourcingDecision =
  | (DecisionBase & {
      readonly status: 'planned';
      readonly shipments: readonly Shipment[];
      readonly allocations: readonly Allocation[];
    })
  | (DecisionBase & {
      readonly status: 'unfulfillable';
      readonly reason: UnfulfillableReason;
      /** Human-readable detail, for example which lines lack stock. */
      readonly detail: string;
      readonly shipments: readonly [];
      readonly allocations: readonly [];
    });
