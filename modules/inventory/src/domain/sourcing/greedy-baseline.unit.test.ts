import { describe, expect, it } from 'vitest';
import { greedyBaseline } from './greedy-baseline.js';
import type { SourcingDecision } from './sourcing-decision.js';
import type { SourcingRequest } from './sourcing-request.js';
import { order, rules, store, networkOf, type StockedLocation } from './sourcing.fixture.js';

const given = (...locations: StockedLocation[]) => ({
  when: (request: SourcingRequest) => greedyBaseline(request, networkOf(locations), rules()),
});
const sources = (decision: SourcingDecision) =>
  decision.shipments.map(
    (shipment) => `${shipment.locationId}:${shipment.lines.map((l) => l.sku).join(',')}`,
  );

describe('greedyBaseline', () => {
  it('ships from the nearest location holding every line, however far', () => {
    const decision = given(
      store('a', 1, { A: 1 }),
      store('b', 1, { B: 1 }),
      store('both', 90, { A: 1, B: 1 }),
    ).when(order(['A', 'B']));
    expect(sources(decision)).toEqual(['both:A,B']);
    expect(decision.planner).toBe('greedy_baseline');
  });

  it('else takes each line from the nearest location holding it', () => {
    const decision = given(
      store('a', 1, { A: 1 }),
      store('b', 2, { B: 1 }),
      store('c', 3, { C: 1 }),
      store('bc', 4, { B: 1, C: 1 }),
    ).when(order(['A', 'B', 'C']));
    expect(sources(decision)).toEqual(['a:A', 'b:B', 'c:C']);
  });

  it('applies the same hard filters as the engine', () => {
    const decision = given(store('closed', 1, { A: 1 }, { open: false }), store('open', 5, { A: 1 })).when(
      order(['A']),
    );
    expect(sources(decision)).toEqual(['open:A']);
    expect(decision.explanation.excluded).toEqual([{ reasons: ['CLOSED'], locationIds: ['closed'] }]);
  });
});
