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
import { greedyCover } from './greedy-cover.js';

/** Up to this many items the cover is exact: k layers of 3^n subset pairs stay well under a millisecond. */
export const EXACT_COVER_MAX_ITEMS = 6;

export interface ExactCover {
  readonly cover: Cover;
  /** The cheapest single location for all of `mask`, or -1. */
  readonly single: number;
  readonly singleCost: number;
}

/**
 * The cheapest cover of `mask` (shipment costs plus the split penalty per extra shipment) with at most
 * maxShipments locations, by dynamic programming over subsets of items: `best[s]` is the cheapest one location
 * holding all of s; `layer[k][m]` the cheapest split of m into k such parts. Ties go to the fewer shipments, then
 * to the lower location id. If the optimum uses one location twice and its capacity cannot take both parts,
 * the greedy cover decides instead (rare: it needs a nearly full location).
 */
export const exactCover = (problem: CoverProblem): ExactCover => {
  const { candidates, itemLines, mask } = problem;
  const size = 1 << problem.itemCount;
  const lines = new Int32Array(size);
  for (let s = 1; s < size; s += 1)
    lines[s] = (lines[s & (s - 1)] as number) + (itemLines[31 - Math.clz32(s & -s)] ?? 0);
  // Hundreds of candidates share a few dozen masks: keep the cheapest per mask, then spread it to the submasks.
  // A candidate that cannot take its whole mask at its plain cost (short of room) is spread on its own.
  const top = new Float64Array(size).fill(Infinity);
  const topAt = new Int32Array(size).fill(-1);
  const best = new Float64Array(size).fill(Infinity);
  const bestAt = new Int32Array(size).fill(-1);
  const offer = (c: number, s: number, cost: number) => {
    if (beats(problem, cost, c, best[s] as number, bestAt[s] as number)) {
      best[s] = cost;
      bestAt[s] = c;
    }
  };
  for (let c = 0; c < candidates.length; c += 1) {
    const candidate = candidates[c] as Candidate;
    const holds = candidate.full & mask;
    if (holds === 0) continue;
    if ((lines[holds] as number) <= candidate.room) {
      if (beats(problem, problem.totals[c] as number, c, top[holds] as number, topAt[holds] as number)) {
        top[holds] = problem.totals[c] as number;
        topAt[holds] = c;
      }
      continue;
    }
    for (let s = holds; s !== 0; s = (s - 1) & holds) {
      const cost = shipmentCost(problem, c, lines[s] as number);
      if (cost !== Infinity) offer(c, s, cost);
    }
  }
  for (let m = 1; m < size; m += 1) {
    const c = topAt[m] as number;
    if (c >= 0) for (let s = m; s !== 0; s = (s - 1) & m) offer(c, s, top[m] as number);
  }
  const single = bestAt[mask] as number;
  const singleCost = best[mask] as number;
  const layers: Float64Array[] = [best];
  const choices: Int32Array[] = [new Int32Array(0)];
  for (let k = 2; k <= popcount(mask); k += 1) {
    const previous = layers[k - 2] as Float64Array;
    const layer = new Float64Array(size).fill(Infinity);
    const choice = new Int32Array(size);
    for (let m = mask; m !== 0; m = (m - 1) & mask) {
      const low = m & -m;
      const rest = m ^ low;
      // Every part containing m's lowest item, so each split is counted once.
      for (let sub = rest; ; sub = (sub - 1) & rest) {
        const s = low | sub;
        if (s !== m) {
          const cost = (best[s] as number) + (previous[m ^ s] as number);
          if (cost < (layer[m] as number)) {
            layer[m] = cost;
            choice[m] = s;
          }
        }
        if (sub === 0) break;
      }
    }
    layers.push(layer);
    choices.push(choice);
  }
  let shipments = 0;
  let cheapest = Infinity;
  for (let k = 1; k <= Math.min(layers.length, problem.maxShipments); k += 1) {
    const cost = ((layers[k - 1] as Float64Array)[mask] as number) + problem.splitPenalty * (k - 1);
    if (cost < cheapest) {
      cheapest = cost;
      shipments = k;
    }
  }
  if (shipments === 0) {
    const feasible = layers.some((layer) => (layer[mask] as number) < Infinity);
    const reason = feasible ? 'TOO_MANY_SHIPMENTS' : 'CAPACITY_EXHAUSTED';
    return { cover: { kind: 'failed', reason }, single, singleCost };
  }
  const parts: CoverPart[] = [];
  let m = mask;
  for (let k = shipments; k > 1; k -= 1) {
    const s = (choices[k - 1] as Int32Array)[m] as number;
    parts.push({ candidate: bestAt[s] as number, mask: s });
    m ^= s;
  }
  parts.push({ candidate: bestAt[m] as number, mask: m });
  return { cover: mergeRepeats(problem, parts), single, singleCost };
};

/** One location chosen for two parts becomes one shipment when its capacity allows, else greedy decides. */
const mergeRepeats = (problem: CoverProblem, parts: readonly CoverPart[]): Cover => {
  const byCandidate = new Map<number, number>();
  for (const part of parts)
    byCandidate.set(part.candidate, (byCandidate.get(part.candidate) ?? 0) | part.mask);
  if (byCandidate.size === parts.length) return { kind: 'covered', parts };
  for (const [c, m] of byCandidate)
    if (shipmentCost(problem, c, linesOf(m, problem.itemLines)) === Infinity) return greedyCover(problem);
  return { kind: 'covered', parts: [...byCandidate].map(([candidate, m]) => ({ candidate, mask: m })) };
};
