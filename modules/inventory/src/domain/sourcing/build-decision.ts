import type { OrderItem } from './order-items.js';
import type { RuleSet } from './rule-set.js';
import type { Candidate } from './screen-candidates.js';
import type { Scores } from './score-candidates.js';
import type { PlanSearch } from './search-plan.js';
import type {
  Allocation,
  CandidateScore,
  ExclusionGroup,
  Shipment,
  ShipmentLine,
  SourcingDecision,
} from './sourcing-decision.js';
import type { SourcingRequest } from './sourcing-request.js';

export interface DecisionParts {
  readonly request: SourcingRequest;
  readonly ruleSet: RuleSet;
  readonly planner: SourcingDecision['planner'];
  readonly items: readonly OrderItem[];
  readonly candidates: readonly Candidate[];
  readonly excluded: readonly ExclusionGroup[];
  readonly scores: Scores;
  readonly search: PlanSearch;
}

const NONE: readonly string[] = Object.freeze([]);

/** Turns a plan search into the decision: shipments by location id, allocations by line, and the explanation. */
export const buildDecision = (parts: DecisionParts): SourcingDecision => {
  const { request, ruleSet, items, candidates, scores, search } = parts;
  const chosen = search.kind === 'found' ? search.draft.takes : new Map<number, unknown>();
  // Hundreds of candidates share a few masks: one array of line ids per mask.
  const lineIdsByMask = new Map<number, readonly string[]>([[0, NONE]]);
  const lineIds = (mask: number): readonly string[] => {
    let ids = lineIdsByMask.get(mask);
    if (ids === undefined) {
      const found: string[] = [];
      items.forEach((item, i) => {
        if ((mask >>> i) & 1) for (const line of item.lines) found.push(line.lineId);
      });
      lineIdsByMask.set(mask, (ids = found));
    }
    return ids;
  };
  const explained: CandidateScore[] = candidates.map((candidate, c) => ({
    locationId: candidate.location.id,
    distanceKm: candidate.distanceKm,
    score: scores.breakdowns[c] as CandidateScore['score'],
    total: scores.totals[c] as number,
    covers: lineIds(candidate.full),
    partial: lineIds(candidate.partial),
    chosen: chosen.has(c),
  }));
  const bestSingleLocation =
    search.single < 0
      ? null
      : { locationId: (candidates[search.single] as Candidate).location.id, total: search.singleCost };
  const base = {
    orderId: request.orderId,
    ruleSetId: ruleSet.id,
    ruleSetVersion: ruleSet.version,
    planner: parts.planner,
  };
  if (search.kind === 'failed')
    return {
      ...base,
      status: 'unfulfillable',
      reason: search.reason,
      detail: search.detail,
      shipments: [],
      allocations: [],
      explanation: {
        fulfilment: request.fulfilment.type,
        candidates: explained,
        excluded: parts.excluded,
        planCost: null,
        bestSingleLocation,
      },
    };
  const order = [...search.draft.takes.keys()].sort((a, b) => {
    const x = (candidates[a] as Candidate).location.id;
    const y = (candidates[b] as Candidate).location.id;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  // Units of an item split over locations are handed to its lines in line order.
  const cursors = items.map(() => ({ line: 0, used: 0 }));
  const shipments: Shipment[] = [];
  const allocations: Allocation[] = [];
  let shipmentCosts = 0;
  let overload = 0;
  for (const c of order) {
    const candidate = candidates[c] as Candidate;
    const takes = [...(search.draft.takes.get(c) ?? [])].sort((a, b) => a.item - b.item);
    const lines: ShipmentLine[] = [];
    for (const take of takes) {
      const item = items[take.item] as OrderItem;
      const cursor = cursors[take.item] as { line: number; used: number };
      let left = take.quantity;
      while (left > 0) {
        const line = item.lines[cursor.line];
        if (line === undefined) break;
        const quantity = Math.min(left, line.quantity - cursor.used);
        lines.push({ lineId: line.lineId, sku: line.sku, quantity });
        allocations.push({ lineId: line.lineId, sku: line.sku, locationId: candidate.location.id, quantity });
        left -= quantity;
        cursor.used += quantity;
        if (cursor.used === line.quantity) {
          cursor.line += 1;
          cursor.used = 0;
        }
      }
    }
    shipments.push({
      locationId: candidate.location.id,
      mode: candidate.mode,
      lines,
      distanceKm: candidate.distanceKm,
    });
    shipmentCosts += scores.totals[c] as number;
    if (ruleSet.capacity.mode === 'soft')
      overload +=
        ruleSet.capacity.overloadPenalty * Math.max(0, (search.draft.lines.get(c) ?? 0) - candidate.room);
  }
  const lineOrder = new Map(request.lines.map((line, index) => [line.lineId, index]));
  allocations.sort((a, b) => (lineOrder.get(a.lineId) ?? 0) - (lineOrder.get(b.lineId) ?? 0));
  const grouping = ruleSet.splitPenalty * (shipments.length - 1);
  return {
    ...base,
    status: 'planned',
    shipments,
    allocations,
    explanation: {
      fulfilment: request.fulfilment.type,
      candidates: explained,
      excluded: parts.excluded,
      planCost: { shipments: shipmentCosts, grouping, overload, total: shipmentCosts + grouping + overload },
      bestSingleLocation,
    },
  };
};
