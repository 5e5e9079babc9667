import type { Candidate } from './screen-candidates.js';
import {
  beats,
  linesOf,
  popcount,
  shipmentCost,
  type Cover,
  type CoverPart,
  type CoverProblem,
} from './cover-problem.js';

/**
 * Weighted set cover by greedy ratio (Chvátal, "A greedy heuristic for the set-covering problem", 1979): take the
 * location with the lowest cost per newly covered item, each shipment costing its score plus the split penalty.
 */
export const greedyCover = (problem: CoverProblem): Cover => {
  const { candidates, itemLines } = problem;
  const used = new Uint8Array(candidates.length);
  const parts: CoverPart[] = [];
  let remaining = problem.mask;
  while (remaining !== 0) {
    let best = -1;
    let bestRatio = Infinity;
    let bestTake = 0;
    for (let c = 0; c < candidates.length; c += 1) {
      if (used[c] === 1) continue;
      const candidate = candidates[c] as Candidate;
      let take = candidate.full & remaining;
      if (take === 0) continue;
      if (problem.hardCapacity) take = trimToRoom(take, candidate.room, itemLines);
      if (take === 0) continue;
      const cost = shipmentCost(problem, c, linesOf(take, itemLines)) + problem.splitPenalty;
      const ratio = cost / popcount(take);
      if (beats(problem, ratio, c, bestRatio, best)) {
        best = c;
        bestRatio = ratio;
        bestTake = take;
      }
    }
    if (best < 0) return { kind: 'failed', reason: 'CAPACITY_EXHAUSTED' };
    used[best] = 1;
    parts.push({ candidate: best, mask: bestTake });
    remaining &= ~bestTake;
  }
  return parts.length > problem.maxShipments
    ? { kind: 'failed', reason: 'TOO_MANY_SHIPMENTS' }
    : { kind: 'covered', parts };
};

/** The items of `mask`, in item order, that fit in `room` lines. */
const trimToRoom = (mask: number, room: number, itemLines: readonly number[]): number => {
  let kept = 0;
  let lines = 0;
  for (let i = 0; mask >>> i !== 0; i += 1) {
    if (((mask >>> i) & 1) === 0) continue;
    const add = itemLines[i] ?? 0;
    if (lines + add > room) continue;
    lines += add;
    kept |= 1 << i;
  }
  return kept;
};
