import { buildDecision } from './build-decision.js';
import { orderItems } from './order-items.js';
import type { RuleSet } from './rule-set.js';
import { scoreCandidates } from './score-candidates.js';
import { screenCandidates } from './screen-candidates.js';
import { searchPlan } from './search-plan.js';
import type { SourcingDecision } from './sourcing-decision.js';
import type { SourcingNetwork } from './sourcing-network.js';
import type { SourcingRequest } from './sourcing-request.js';
import { unfulfillableDecision } from './unfulfillable-decision.js';

/**
 * Decides where an order's lines come from under a rule set: hard filters, a per-shipment score (distance,
 * priority, store rotation), then the cheapest plan counting the split penalty per extra shipment. Pure and
 * deterministic: the same request, locations (in the same order) and rule set give the same decision, ties going
 * to the lower location id. Throws DomainError INVALID_SOURCING_REQUEST or TOO_MANY_ORDER_LINES for orders it
 * cannot represent; an order it cannot serve is a decision with status `unfulfillable`.
 */
export const planSourcing = (
  request: SourcingRequest,
  network: SourcingNetwork,
  ruleSet: RuleSet,
): SourcingDecision => {
  const items = orderItems(request.lines);
  const screening = screenCandidates(request, items, network, ruleSet);
  if (screening.kind === 'rejected')
    return unfulfillableDecision(request, ruleSet, screening.reason, screening.detail, screening.excluded);
  const { candidates, excluded } = screening;
  const scores = scoreCandidates(candidates, ruleSet.weights);
  const search = searchPlan(items, candidates, scores.totals, ruleSet);
  return buildDecision({ request, ruleSet, planner: 'engine', items, candidates, excluded, scores, search });
};
