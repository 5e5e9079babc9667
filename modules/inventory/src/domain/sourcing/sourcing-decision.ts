// The decision's shape is public (contracts/inventory): the order saga reads it from inventory.sourcing.
export type {
  Allocation,
  CandidateScore,
  ExclusionGroup,
  ExclusionReason,
  PlanCost,
  ScoreBreakdown,
  Shipment,
  ShipmentLine,
  ShipmentMode,
  SourcingDecision,
  SourcingExplanation,
  UnfulfillableReason,
} from '@omnistream/contracts/inventory';
