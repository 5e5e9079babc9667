import type { CoverPart } from './cover-problem.js';
import type { OrderItem } from './order-items.js';
import type { Candidate } from './screen-candidates.js';

export interface Take {
  readonly item: number;
  readonly quantity: number;
}

/** A plan under construction: what each chosen candidate gives, and how many order lines it picks. */
export interface PlanDraft {
  readonly takes: Map<number, Take[]>;
  readonly lines: Map<number, number>;
}

export const emptyDraft = (): PlanDraft => ({ takes: new Map(), lines: new Map() });

export const addTake = (draft: PlanDraft, c: number, take: Take, lines: number): void => {
  const takes = draft.takes.get(c);
  if (takes === undefined) draft.takes.set(c, [take]);
  else takes.push(take);
  draft.lines.set(c, (draft.lines.get(c) ?? 0) + lines);
};

/** Each part of a cover ships all of each item in its mask. */
export const draftOfCover = (parts: readonly CoverPart[], items: readonly OrderItem[]): PlanDraft => {
  const draft = emptyDraft();
  for (const part of parts)
    items.forEach((item, i) => {
      if ((part.mask >>> i) & 1)
        addTake(draft, part.candidate, { item: i, quantity: item.quantity }, item.lines.length);
    });
  return draft;
};

export interface DraftPricing {
  readonly candidates: readonly Candidate[];
  readonly totals: Float64Array;
  readonly splitPenalty: number;
  /** 0 under hard capacity. */
  readonly overloadPenalty: number;
}

/** What a draft costs: its shipments, the split penalty per extra one, and any overload (soft capacity). */
export const draftCost = (draft: PlanDraft, pricing: DraftPricing): number => {
  let cost = pricing.splitPenalty * Math.max(0, draft.takes.size - 1);
  for (const [c, lines] of draft.lines) {
    const room = (pricing.candidates[c] as Candidate).room;
    cost += (pricing.totals[c] as number) + pricing.overloadPenalty * Math.max(0, lines - room);
  }
  return cost;
};
