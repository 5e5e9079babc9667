import type { OrderItem } from './order-items.js';
import type { Candidate } from './screen-candidates.js';

export interface Take {
  readonly item: number;
  readonly quantity: number;
}

/** The plan under construction: what each chosen candidate gives, and how many lines it already picks. */
export interface PlanDraft {
  readonly takes: Map<number, Take[]>;
  readonly lines: Map<number, number>;
}

/**
 * Items that no single location holds in full are split by quantity: first from locations already in the plan
 * (no extra shipment), then from the cheapest others, each in score order with ties to the lower id. Returns
 * false when capacity leaves some units unplaced.
 */
export const fillShortItems = (
  short: readonly number[],
  items: readonly OrderItem[],
  candidates: readonly Candidate[],
  totals: Float64Array,
  hardCapacity: boolean,
  draft: PlanDraft,
): boolean => {
  for (const i of short) {
    const item = items[i] as OrderItem;
    const holders: number[] = [];
    candidates.forEach((candidate, c) => {
      if ((candidate.units[i] ?? 0) > 0) holders.push(c);
    });
    holders.sort(
      (a, b) =>
        Number(draft.takes.has(b)) - Number(draft.takes.has(a)) ||
        (totals[a] as number) - (totals[b] as number) ||
        compareIds(candidates[a] as Candidate, candidates[b] as Candidate),
    );
    let need = item.quantity;
    for (const c of holders) {
      if (need === 0) break;
      const candidate = candidates[c] as Candidate;
      const picked = draft.lines.get(c) ?? 0;
      if (hardCapacity && picked + item.lines.length > candidate.room) continue;
      const quantity = Math.min(need, candidate.units[i] ?? 0);
      need -= quantity;
      draft.lines.set(c, picked + item.lines.length);
      const takes = draft.takes.get(c);
      if (takes === undefined) draft.takes.set(c, [{ item: i, quantity }]);
      else takes.push({ item: i, quantity });
    }
    if (need > 0) return false;
  }
  return true;
};

const compareIds = (a: Candidate, b: Candidate): number =>
  a.location.id < b.location.id ? -1 : a.location.id > b.location.id ? 1 : 0;
