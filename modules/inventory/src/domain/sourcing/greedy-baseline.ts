import { buildDecision } from './build-decision.js';
import type { PlanDraft } from './plan-draft.js';
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
  const nearest = candidates
    .map((_, c) => c)
    .sort((a, b) => (scores.totals[a] as number) - (scores.totals[b] as number) || byId(candidates, a, b));
  const hard = ruleSet.capacity.mode === 'hard';
  const all = (1 << items.length) - 1;
  const orderLines = request.lines.length;
  const draft: PlanDraft = { takes: new Map(), lines: new Map() };
  const single = nearest.find((c) => {
    const candidate = candidates[c] as Candidate;
    return candidate.full === all && (!hard || candidate.room >= orderLines);
  });
  if (single !== undefined) {
    draft.takes.set(
      single,
      items.map((item, i) => ({ item: i, quantity: item.quantity })),
    );
    draft.lines.set(single, orderLines);
  } else if (!splitByNearest(items, candidates, nearest, hard, draft)) {
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
    single: single ?? -1,
    singleCost: single === undefined ? Infinity : (scores.totals[single] as number),
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

/** Each item from the nearest location holding all of it, else by quantity from the nearest holding some. */
const splitByNearest = (
  items: readonly OrderItem[],
  candidates: readonly Candidate[],
  nearest: readonly number[],
  hard: boolean,
  draft: PlanDraft,
): boolean =>
  items.every((item, i) => {
    const fits = (c: number) =>
      !hard || (draft.lines.get(c) ?? 0) + item.lines.length <= (candidates[c] as Candidate).room;
    const take = (c: number, quantity: number) => {
      draft.lines.set(c, (draft.lines.get(c) ?? 0) + item.lines.length);
      const takes = draft.takes.get(c);
      if (takes === undefined) draft.takes.set(c, [{ item: i, quantity }]);
      else takes.push({ item: i, quantity });
    };
    const whole = nearest.find((c) => ((candidates[c] as Candidate).full >>> i) & 1 && fits(c));
    if (whole !== undefined) {
      take(whole, item.quantity);
      return true;
    }
    let need = item.quantity;
    for (const c of nearest) {
      const units = unitsOf(candidates[c] as Candidate, i);
      if (need === 0) break;
      if (units === 0 || !fits(c)) continue;
      take(c, Math.min(need, units));
      need -= Math.min(need, units);
    }
    return need === 0;
  });

const byId = (candidates: readonly Candidate[], a: number, b: number): number => {
  const x = (candidates[a] as Candidate).location.id;
  const y = (candidates[b] as Candidate).location.id;
  return x < y ? -1 : x > y ? 1 : 0;
};
