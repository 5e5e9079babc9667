import type { Candidate } from './screen-candidates.js';

export interface CoverProblem {
  readonly candidates: readonly Candidate[];
  /** One shipment's cost per candidate (km-eq). */
  readonly totals: Float64Array;
  /** Order lines per item: what an item uses of a location's capacity. */
  readonly itemLines: readonly number[];
  readonly itemCount: number;
  /** The items to cover, each by one location holding all of it. */
  readonly mask: number;
  readonly splitPenalty: number;
  readonly maxShipments: number;
  readonly hardCapacity: boolean;
  readonly overloadPenalty: number;
}

export interface CoverPart {
  readonly candidate: number;
  readonly mask: number;
}

export type Cover =
  | { readonly kind: 'covered'; readonly parts: readonly CoverPart[] }
  | { readonly kind: 'failed'; readonly reason: 'TOO_MANY_SHIPMENTS' | 'CAPACITY_EXHAUSTED' };

export const popcount = (mask: number): number => {
  let count = 0;
  for (let m = mask; m !== 0; m &= m - 1) count += 1;
  return count;
};

export const linesOf = (mask: number, itemLines: readonly number[]): number => {
  let lines = 0;
  for (let i = 0; mask >>> i !== 0; i += 1) if ((mask >>> i) & 1) lines += itemLines[i] ?? 0;
  return lines;
};

/** A shipment's cost from candidate c carrying `lines` lines; Infinity when hard capacity forbids it. */
export const shipmentCost = (problem: CoverProblem, c: number, lines: number): number => {
  const room = (problem.candidates[c] as Candidate).room;
  if (lines <= room) return problem.totals[c] as number;
  return problem.hardCapacity
    ? Infinity
    : (problem.totals[c] as number) + problem.overloadPenalty * (lines - room);
};

export const beats = (
  problem: CoverProblem,
  cost: number,
  c: number,
  bestCost: number,
  best: number,
): boolean =>
  cost < bestCost ||
  (cost === bestCost &&
    best >= 0 &&
    (problem.candidates[c] as Candidate).location.id < (problem.candidates[best] as Candidate).location.id);

/** The cheapest single location holding all of the problem's items, or -1. */
export const cheapestSingle = (
  problem: CoverProblem,
): { readonly single: number; readonly singleCost: number } => {
  let single = -1;
  let singleCost = Infinity;
  const lines = linesOf(problem.mask, problem.itemLines);
  problem.candidates.forEach((candidate, c) => {
    if ((candidate.full & problem.mask) !== problem.mask) return;
    const cost = shipmentCost(problem, c, lines);
    if (cost !== Infinity && beats(problem, cost, c, singleCost, single)) {
      single = c;
      singleCost = cost;
    }
  });
  return { single, singleCost };
};

/** What a cover costs: its shipments plus the split penalty for each beyond the first. */
export const coverCost = (problem: CoverProblem, parts: readonly CoverPart[]): number =>
  parts.reduce(
    (sum, part) => sum + shipmentCost(problem, part.candidate, linesOf(part.mask, problem.itemLines)),
    0,
  ) +
  problem.splitPenalty * Math.max(0, parts.length - 1);
