import { cheapestSingle, coverCost, type CoverProblem } from './cover-problem.js';
import { EXACT_COVER_MAX_ITEMS, exactCover } from './exact-cover.js';
import { fillByUnits } from './fill-by-units.js';
import { draftCost, draftOfCover, emptyDraft, type DraftPricing, type PlanDraft } from './plan-draft.js';
import { greedyCover } from './greedy-cover.js';
import type { OrderItem } from './order-items.js';
import type { RuleSet } from './rule-set.js';
import { type Candidate, unitsOf } from './screen-candidates.js';
import type { UnfulfillableReason } from './sourcing-decision.js';

export type PlanSearch =
  | {
      readonly kind: 'found';
      readonly draft: PlanDraft;
      readonly single: number;
      readonly singleCost: number;
    }
  | {
      readonly kind: 'failed';
      readonly reason: UnfulfillableReason;
      readonly detail: string;
      readonly single: number;
      readonly singleCost: number;
    };

/**
 * Finds the cheapest plan: items some location holds in full are covered exactly (or greedily for large orders),
 * minimising shipment costs plus the split penalty; items nobody holds in full are then split by quantity.
 */
export const searchPlan = (
  items: readonly OrderItem[],
  candidates: readonly Candidate[],
  totals: Float64Array,
  ruleSet: RuleSet,
): PlanSearch => {
  const n = items.length;
  const units = new Array<number>(n).fill(0);
  let coverable = 0;
  for (const candidate of candidates) {
    coverable |= candidate.full;
    for (let i = 0; i < n; i += 1) units[i] = (units[i] as number) + unitsOf(candidate, i);
  }
  const missing: string[] = [];
  items.forEach((item, i) => {
    if ((units[i] as number) < item.quantity)
      missing.push(`${item.sku}: ${item.quantity} wanted, ${units[i]} at eligible locations`);
  });
  if (missing.length > 0)
    return {
      kind: 'failed',
      reason: 'INSUFFICIENT_STOCK',
      detail: missing.join('; '),
      single: -1,
      singleCost: Infinity,
    };
  const all = (1 << n) - 1; // n <= MAX_ITEMS (30), so the mask fits
  const problem: CoverProblem = {
    candidates,
    totals,
    itemLines: items.map((item) => item.lines.length),
    itemCount: n,
    mask: coverable & all,
    splitPenalty: ruleSet.splitPenalty,
    maxShipments: ruleSet.maxShipments,
    hardCapacity: ruleSet.capacity.mode === 'hard',
    overloadPenalty: ruleSet.capacity.overloadPenalty,
  };
  let single = -1;
  let singleCost = Infinity;
  let cover;
  if (problem.mask === 0) cover = { kind: 'covered', parts: [] } as const;
  else if (n <= EXACT_COVER_MAX_ITEMS) {
    const exact = exactCover(problem);
    cover = exact.cover;
    if (problem.mask === all) ({ single, singleCost } = exact);
  } else {
    // Greedy ratios can miss one location holding everything; it is cheap to check.
    cover = greedyCover(problem);
    if (problem.mask === all) ({ single, singleCost } = cheapestSingle(problem));
    if (single >= 0 && (cover.kind === 'failed' || singleCost <= coverCost(problem, cover.parts)))
      cover = { kind: 'covered', parts: [{ candidate: single, mask: all }] } as const;
  }
  const failed = (reason: UnfulfillableReason, detail: string): PlanSearch => ({
    kind: 'failed',
    reason,
    detail,
    single,
    singleCost,
  });
  if (cover.kind === 'failed')
    return cover.reason === 'TOO_MANY_SHIPMENTS'
      ? failed(cover.reason, `every plan needs more than ${ruleSet.maxShipments} shipments`)
      : failed(cover.reason, 'the locations holding the lines have no capacity left for them');
  const short: number[] = [];
  for (let i = 0; i < n; i += 1) if (((coverable >>> i) & 1) === 0) short.push(i);
  const pricing: DraftPricing = {
    candidates,
    totals,
    splitPenalty: ruleSet.splitPenalty,
    overloadPenalty: problem.hardCapacity ? 0 : problem.overloadPenalty,
  };
  let draft: PlanDraft | undefined = draftOfCover(cover.parts, items);
  if (short.length > 0) {
    // The cover ignored the short items; also try placing every unit together, and keep the cheaper plan.
    if (!fillByUnits(short, items, pricing, problem.hardCapacity, draft)) draft = undefined;
    const together = emptyDraft();
    if (
      fillByUnits(
        items.map((_, i) => i),
        items,
        pricing,
        problem.hardCapacity,
        together,
      )
    )
      draft = cheaper(draft, together, pricing, ruleSet.maxShipments);
  }
  if (draft === undefined)
    return failed('CAPACITY_EXHAUSTED', 'the locations holding the lines have no capacity left for them');
  if (draft.takes.size > ruleSet.maxShipments)
    return failed(
      'TOO_MANY_SHIPMENTS',
      `the plan needs ${draft.takes.size} shipments, more than ${ruleSet.maxShipments}`,
    );
  return { kind: 'found', draft, single, singleCost };
};

/** The draft within the shipment limit if only one is, else the cheaper (the first on a tie). */
const cheaper = (
  a: PlanDraft | undefined,
  b: PlanDraft,
  pricing: DraftPricing,
  maxShipments: number,
): PlanDraft => {
  if (a === undefined) return b;
  const aFits = a.takes.size <= maxShipments;
  const bFits = b.takes.size <= maxShipments;
  if (aFits !== bFits) return aFits ? a : b;
  return draftCost(b, pricing) < draftCost(a, pricing) ? b : a;
};
