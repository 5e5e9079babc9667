import type { RuleSet } from './rule-set.js';
import type { ExclusionGroup, SourcingDecision, UnfulfillableReason } from './sourcing-decision.js';
import type { SourcingRequest } from './sourcing-request.js';

/** A decision that no plan was made, before any candidate was scored. */
export const unfulfillableDecision = (
  request: SourcingRequest,
  ruleSet: RuleSet,
  reason: UnfulfillableReason,
  detail: string,
  excluded: readonly ExclusionGroup[],
  planner: SourcingDecision['planner'] = 'engine',
): SourcingDecision => ({
  orderId: request.orderId,
  ruleSetId: ruleSet.id,
  ruleSetVersion: ruleSet.version,
  planner,
  status: 'unfulfillable',
  reason,
  detail,
  shipments: [],
  allocations: [],
  explanation: {
    fulfilment: request.fulfilment.type,
    candidates: [],
    excluded,
    planCost: null,
    bestSingleLocation: null,
  },
});
