import { buildDecision } from './build-decision.js';
import { addTake, emptyDraft, type PlanDraft } from './plan-draft.js';
import { orderItems, type OrderItem } from './order-items.js';
import type { RuleSet } from './rule-set.js';
import { scoreCandidates } from './score-candidates.js';
import { screenCandidates, type Candidate, unitsOf } from './screen-candidates.js';
import type { SourcingDecision } from './sourcing-decision.js';
import type { SourcingNetwork } from './sourcing-network.js';
import type { SourcingRequest } from './sourcing-request.js';
import { unfulfillableDecision } from './unfulfillable-decision.js';

/**
 * The yardstick the engine is measured against, as many shops source today: the nearest location holding every
 * line, else each line from the nearest location holding it (then by quantity from the nearest ones). It applies
 * the rule set's hard filters and shipment limit, so both serve the same orders, but ignores its weights and split
 * penalty; its explanation scores distance only.
 */
export const greedyBaseline = (
  request: SourcingRequest,
  network: SourcingNetwork,
  ruleSet: RuleSet,
): SourcingDecision => {
  const items = orderItems(request.lines);
  const screening = screenCandidates(request, items, network, ruleSet);
  const reject = (reason: Parameters<typeof unfulfillableDecision>[2], detail: string) =>
    unfulfillableDecision(request, ruleSet, reason, detail, screening.excluded, 'greedy_baseline');
  if (screening.kind === 'rejected') return reject(screening.reason, screening.detail);
  const { candidates, excluded } = screening;
  const distanceOnly: RuleSet = {
    ...ruleSet,
    weights: { distance: 1, priority: 0, rotation: 0 },
    splitPenalty: 0,
  };
  const scores = scoreCandidates(candidates, distanceOnly.weights);
  const hard = ruleSet.capacity.mode === 'hard';
  const all = (1 << items.length) - 1;
  const orderLines = request.lines.length;
  const draft = emptyDraft();
  const nearestWhere = nearestOf(candidates, scores.totals);
  const single = nearestWhere(
    (candidate) => candidate.full === all && (!hard || candidate.room >= orderLines),
  );
  if (single >= 0)
    items.forEach((item, i) =>
      addTake(draft, single, { item: i, quantity: item.quantity }, item.lines.length),
    );
  else if (!splitByNearest(items, candidates, nearestWhere, hard, draft)) {
    const short = items.some(
      (item, i) => candidates.reduce((sum, c) => sum + unitsOf(c, i), 0) < item.quantity,
    );
    return short
      ? reject('INSUFFICIENT_STOCK', 'the eligible locations together do not hold every line')
      : reject('CAPACITY_EXHAUSTED', 'the locations holding the lines have no capacity left for them');
  }
  if (draft.takes.size > ruleSet.maxShipments)
    return reject(
      'TOO_MANY_SHIPMENTS',
      `the plan needs ${draft.takes.size} shipments, more than ${ruleSet.maxShipments}`,
    );
  const search = {
    kind: 'found',
    draft,
    single,
    singleCost: single < 0 ? Infinity : (scores.totals[single] as number),
  } as const;
  return buildDecision({
    request,
    ruleSet: distanceOnly,
    planner: 'greedy_baseline',
    items,
    candidates,
    excluded,
    scores,
    search,
  });
};

type NearestWhere = (test: (candidate: Candidate, c: number) => boolean) => number;

/** The nearest candidate passing `test` (ties to the lower id), or -1: one pass, no sorting. */
const nearestOf =
  (candidates: readonly Candidate[], km: Float64Array): NearestWhere =>
  (test) => {
    let best = -1;
    candidates.forEach((candidate, c) => {
      if (!test(candidate, c)) return;
      const d = km[c] as number;
      const b = km[best] ?? Infinity;
      if (
        best < 0 ||
        d < b ||
        (d === b && candidate.location.id < (candidates[best] as Candidate).location.id)
      )
        best = c;
    });
    return best;
  };

/** Each item from the nearest location holding all of it, else by quantity from the nearest holding some. */
const splitByNearest = (
  items: readonly OrderItem[],
  candidates: readonly Candidate[],
  nearestWhere: NearestWhere,
  hard: boolean,
  draft: PlanDraft,
): boolean =>
  items.every((item, i) => {
    const fits = (c: number) =>
      !hard || (draft.lines.get(c) ?? 0) + item.lines.length <= (candidates[c] as Candidate).room;
    const whole = nearestWhere((candidate, c) => ((candidate.full >>> i) & 1) === 1 && fits(c));
    if (whole >= 0) {
      addTake(draft, whole, { item: i, quantity: item.quantity }, item.lines.length);
      return true;
    }
    const used = new Set<number>();
    let need = item.quantity;
    while (need > 0) {
      const c = nearestWhere((candidate, c) => !used.has(c) && unitsOf(candidate, i) > 0 && fits(c));
      if (c < 0) return false;
      used.add(c);
      const quantity = Math.min(need, unitsOf(candidates[c] as Candidate, i));
      addTake(draft, c, { item: i, quantity }, item.lines.length);
      need -= quantity;
    }
    return true;
  });
