import type { OrderItem } from './order-items.js';
import { addTake, type DraftPricing, type PlanDraft } from './plan-draft.js';
import { type Candidate, unitsOf } from './screen-candidates.js';

/**
 * Places the units of items no single location holds in full (or of a whole order, as a second opinion) by greedy
 * set cover over units: each round takes the location with the lowest cost per unit it can add across all the
 * items still short (locations already in the draft cost nothing more, others their score plus the split
 * penalty), ties to the lower id. Gathering several short items at one location is what keeps shipments down.
 * Returns false when capacity leaves units unplaced.
 */
export const fillByUnits = (
  short: readonly number[],
  items: readonly OrderItem[],
  pricing: DraftPricing,
  hardCapacity: boolean,
  draft: PlanDraft,
): boolean => {
  const { candidates, totals } = pricing;
  const need = new Map(short.map((i) => [i, (items[i] as OrderItem).quantity]));
  const spent = new Uint8Array(candidates.length);
  for (;;) {
    let best = -1;
    let bestRatio = Infinity;
    for (let c = 0; c < candidates.length; c += 1) {
      if (spent[c] === 1) continue;
      const candidate = candidates[c] as Candidate;
      let gain = 0;
      let lines = draft.lines.get(c) ?? 0;
      for (const [i, left] of need) {
        const item = items[i] as OrderItem;
        if (left === 0 || unitsOf(candidate, i) === 0) continue;
        if (hardCapacity && lines + item.lines.length > candidate.room) continue;
        lines += item.lines.length;
        gain += Math.min(left, unitsOf(candidate, i));
      }
      if (gain === 0) continue;
      const cost = draft.takes.has(c) ? 0 : (totals[c] as number) + pricing.splitPenalty;
      const ratio = cost / gain;
      if (
        ratio < bestRatio ||
        (ratio === bestRatio &&
          best >= 0 &&
          candidate.location.id < (candidates[best] as Candidate).location.id)
      ) {
        best = c;
        bestRatio = ratio;
      }
    }
    if (best < 0) return [...need.values()].every((left) => left === 0);
    spent[best] = 1;
    const candidate = candidates[best] as Candidate;
    for (const [i, left] of need) {
      const item = items[i] as OrderItem;
      const quantity = Math.min(left, unitsOf(candidate, i));
      if (quantity === 0) continue;
      if (hardCapacity && (draft.lines.get(best) ?? 0) + item.lines.length > candidate.room) continue;
      addTake(draft, best, { item: i, quantity }, item.lines.length);
      need.set(i, left - quantity);
    }
  }
};
