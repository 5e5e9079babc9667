import type { RuleSet } from './rule-set.js';
import type { Candidate } from './screen-candidates.js';
import type { ScoreBreakdown } from './sourcing-decision.js';

export interface Scores {
  readonly breakdowns: readonly ScoreBreakdown[];
  /** The cost of one shipment from candidate i, in km-eq: the sum of its breakdown. */
  readonly totals: Float64Array;
}

/**
 * What a shipment from each candidate costs under the rule set's weights. Every part is 0 or more, so adding a
 * shipment never lowers a plan's cost: priority is charged as the distance below the best priority on offer
 * rather than given as a bonus.
 */
export const scoreCandidates = (candidates: readonly Candidate[], weights: RuleSet['weights']): Scores => {
  let top = -Infinity;
  for (const candidate of candidates) top = Math.max(top, candidate.location.priority);
  const breakdowns: ScoreBreakdown[] = [];
  const totals = new Float64Array(candidates.length);
  candidates.forEach((candidate, i) => {
    const score: ScoreBreakdown = {
      distance: weights.distance * candidate.distanceKm,
      priority: weights.priority * (top - candidate.location.priority),
      rotation: weights.rotation * candidate.loadRatio,
    };
    breakdowns.push(score);
    totals[i] = score.distance + score.priority + score.rotation;
  });
  return { breakdowns, totals };
};
