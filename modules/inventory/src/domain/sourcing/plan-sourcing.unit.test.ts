import { describe, expect, it } from 'vitest';
import { isDomainError } from '@omnistream/kernel';
import { planSourcing } from './plan-sourcing.js';
import type { RuleSet } from './rule-set.js';
import type { SourcingDecision } from './sourcing-decision.js';
import type { SourcingRequest } from './sourcing-request.js';
import { dc, home, order, rules, store, networkOf, type StockedLocation } from './sourcing.fixture.js';

const given = (...locations: StockedLocation[]) => ({
  when: (request: SourcingRequest, ruleSet: RuleSet = rules()) =>
    planSourcing(request, networkOf(locations), ruleSet),
});

const sources = (decision: SourcingDecision) =>
  decision.shipments.map(
    (shipment) => `${shipment.locationId}:${shipment.lines.map((l) => `${l.sku}x${l.quantity}`).join(',')}`,
  );

const excludedFor = (decision: SourcingDecision, locationId: string) =>
  decision.explanation.excluded.find((group) => group.locationIds.includes(locationId))?.reasons;

describe('planSourcing', () => {
  it('given two stores with everything, when an order ships home, then the nearest one ships it', () => {
    const decision = given(store('far', 5, { A: 1, B: 1 }), store('near', 2, { A: 1, B: 1 })).when(
      order(['A', 'B']),
    );
    expect(decision.status).toBe('planned');
    expect(sources(decision)).toEqual(['near:Ax1,Bx1']);
  });

  it('prefers one shipment over two when the split penalty outweighs the extra distance', () => {
    const network = [store('a', 1, { A: 1 }), store('b', 1, { B: 1 }), store('both', 10, { A: 1, B: 1 })];
    const grouped = given(...network).when(order(['A', 'B']), rules({ splitPenalty: 20 }));
    expect(sources(grouped)).toEqual(['both:Ax1,Bx1']);
    const split = given(...network).when(order(['A', 'B']), rules({ splitPenalty: 5 }));
    expect(sources(split)).toEqual(['a:Ax1', 'b:Bx1']);
    expect(split.explanation.bestSingleLocation).toMatchObject({ locationId: 'both' });
  });

  it('given no location with every line, then it splits with as few shipments as it can', () => {
    const decision = given(
      store('a', 1, { A: 1 }),
      store('b', 1, { B: 1 }),
      store('c', 1, { C: 1 }),
      store('bc', 3, { B: 1, C: 1 }),
    ).when(order(['A', 'B', 'C']));
    expect(sources(decision)).toEqual(['a:Ax1', 'bc:Bx1,Cx1']);
  });

  it('splits a line by quantity when no location holds all of it, and counts that as a split', () => {
    const decision = given(store('a', 1, { A: 2 }), store('b', 2, { A: 2 })).when(order([['A', 3]]));
    expect(sources(decision)).toEqual(['a:Ax2', 'b:Ax1']);
    expect(decision.allocations).toEqual([
      { lineId: 'l1', sku: 'A', locationId: 'a', quantity: 2 },
      { lineId: 'l1', sku: 'A', locationId: 'b', quantity: 1 },
    ]);
  });

  it('gathers lines no location holds in full at as few locations as it can', () => {
    const decision = given(
      dc('dc', 50, { A: 2, B: 2 }),
      store('s1', 1, { A: 1 }),
      store('s2', 1, { B: 1 }),
      store('s3', 2, { A: 2 }),
      store('s4', 2, { B: 2 }),
    ).when(
      order([
        ['A', 3],
        ['B', 3],
      ]),
      rules({ splitPenalty: 50 }),
    );
    expect(sources(decision)).toEqual(['dc:Ax2,Bx2', 's1:Ax1', 's2:Bx1']);
  });

  it('excludes closed stores, missing capabilities, full stores, stores without stock and stores too far, with reasons', () => {
    const decision = given(
      store('closed', 1, { A: 1 }, { open: false }),
      store('no-ship', 1, { A: 1 }, { capabilities: ['pick_up'] }),
      store('full', 1, { A: 1 }, { todayLoad: 100 }),
      store('empty', 1, {}),
      store('far', 80, { A: 1 }),
      store('ok', 2, { A: 1 }),
    ).when(order(['A']), rules({ maxDistanceKm: 50 }));
    expect(sources(decision)).toEqual(['ok:Ax1']);
    expect(excludedFor(decision, 'closed')).toEqual(['CLOSED']);
    expect(excludedFor(decision, 'no-ship')).toEqual(['MISSING_CAPABILITY']);
    expect(excludedFor(decision, 'full')).toEqual(['AT_CAPACITY']);
    expect(excludedFor(decision, 'empty')).toEqual(['NO_STOCK']);
    expect(excludedFor(decision, 'far')).toEqual(['TOO_FAR']);
    expect(decision.explanation.candidates.map((c) => c.locationId)).toEqual(['ok']);
  });

  it('ships from stores only for ship-from-store orders unless the rule set lets the DC in', () => {
    const network = [dc('dc', 1, { A: 1 }), store('s', 9, { A: 1 })];
    const fromStore = order(['A'], { type: 'ship_from_store', deliveryPoint: home });
    const decision = given(...network).when(fromStore);
    expect(sources(decision)).toEqual(['s:Ax1']);
    expect(excludedFor(decision, 'dc')).toEqual(['TYPE_NOT_ALLOWED']);
    const withDc = rules({
      fulfilment: { ...rules().fulfilment, ship_from_store: { locationTypes: ['dc', 'store'] } },
    });
    expect(sources(given(...network).when(fromStore, withDc))).toEqual(['dc:Ax1']);
  });

  it('collects in store only at the chosen store', () => {
    const collect = order(['A', 'B'], { type: 'collect_in_store', storeId: 'chosen' });
    const network = [store('chosen', 20, { A: 1, B: 1 }), store('other', 1, { A: 1, B: 1 })];
    const decision = given(...network).when(collect);
    expect(decision.shipments).toEqual([
      { locationId: 'chosen', mode: 'pick_up', distanceKm: 0, lines: expect.any(Array) as unknown },
    ]);
    expect(excludedFor(decision, 'other')).toEqual(['NOT_CHOSEN_STORE']);
  });

  it('brings what the chosen store lacks by transfer when the rule set allows it, and explains it', () => {
    const collect = order(['A', 'B'], { type: 'collect_in_store', storeId: 'chosen' });
    const network = [
      store('chosen', 20, { A: 1 }),
      store('other', 1, { B: 1 }),
      dc('dc', 100, { A: 5, B: 5 }),
    ];
    expect(given(...network).when(collect)).toMatchObject({
      status: 'unfulfillable',
      reason: 'INSUFFICIENT_STOCK',
    });
    const transfers = rules({
      fulfilment: {
        ...rules().fulfilment,
        collect_in_store: { allowTransfer: true, transferFrom: ['store'] },
      },
    });
    const decision = given(...network).when(collect, transfers);
    expect(decision.shipments.map((s) => [s.locationId, s.mode])).toEqual([
      ['chosen', 'pick_up'],
      ['other', 'transfer'],
    ]);
    expect(decision.shipments[1]?.distanceKm).toBeCloseTo(19, 0);
    expect(excludedFor(decision, 'dc')).toEqual(['TYPE_NOT_ALLOWED']);
  });

  it('refuses a collection at a closed chosen store, or one that does not exist', () => {
    const collect = order(['A'], { type: 'collect_in_store', storeId: 'chosen' });
    expect(given(store('chosen', 1, { A: 1 }, { open: false })).when(collect)).toMatchObject({
      status: 'unfulfillable',
      reason: 'CHOSEN_STORE_UNAVAILABLE',
    });
    expect(given(store('elsewhere', 1, { A: 1 })).when(collect)).toMatchObject({ reason: 'UNKNOWN_STORE' });
  });

  it('spreads work: of two equal stores, the one with less of its day used wins', () => {
    const network = [
      store('busy', 1, { A: 1 }, { todayLoad: 80 }),
      store('quiet', 1.5, { A: 1 }, { todayLoad: 10 }),
    ];
    expect(sources(given(...network).when(order(['A'])))).toEqual(['busy:Ax1']);
    const rotating = rules({ weights: { distance: 1, priority: 0, rotation: 10 } });
    expect(sources(given(...network).when(order(['A']), rotating))).toEqual(['quiet:Ax1']);
  });

  it('never gives a store more lines than its capacity left today', () => {
    const decision = given(
      store('small', 1, { A: 1, B: 1 }, { todayLoad: 99 }),
      store('big', 5, { A: 1, B: 1 }),
    ).when(order(['A', 'B']));
    expect(sources(decision)).toEqual(['big:Ax1,Bx1']);
  });

  it('is unfulfillable when the best plan needs more shipments than allowed', () => {
    const network = [store('a', 1, { A: 1 }), store('b', 1, { B: 1 })];
    expect(given(...network).when(order(['A', 'B']), rules({ maxShipments: 1 }))).toMatchObject({
      status: 'unfulfillable',
      reason: 'TOO_MANY_SHIPMENTS',
    });
  });

  it('is deterministic, and breaks ties by location id whatever the input order', () => {
    const twins = [store('s-2', 1, { A: 1 }), store('s-1', 1, { A: 1 })];
    const first = given(...twins).when(order(['A']));
    expect(given(...twins).when(order(['A']))).toEqual(first);
    expect(sources(first)).toEqual(['s-1:Ax1']);
    expect(sources(given(...[...twins].reverse()).when(order(['A'])))).toEqual(['s-1:Ax1']);
  });

  it('sees stock, load and locations that change between decisions over the same network', () => {
    const stock = new Map([['A', new Map([['near', 1]])]]);
    const locations = [store('near', 1, {}), store('far', 5, {})];
    const network = { locations, stockOf: (sku: string) => stock.get(sku) };
    const plan = () => sources(planSourcing(order(['A']), network, rules()));
    expect(plan()).toEqual(['near:Ax1']);
    stock.get('A')?.delete('near');
    stock.get('A')?.set('far', 1);
    expect(plan()).toEqual(['far:Ax1']);
    stock.get('A')?.set('near', 1);
    (locations[0] as { open: boolean }).open = false;
    expect(plan()).toEqual(['far:Ax1']);
    locations[0] = store('nearer', 0.5, {});
    stock.get('A')?.set('nearer', 1);
    expect(plan()).toEqual(['nearer:Ax1']);
  });

  it('records the rule-set id and version that made the decision', () => {
    const decision = given(store('s', 1, {})).when(order(['A']));
    expect(decision).toMatchObject({ ruleSetId: 'test-rules', ruleSetVersion: 3, status: 'unfulfillable' });
  });

  it('explains each candidate with a breakdown that sums to its total, and a plan cost that sums too', () => {
    const decision = given(
      store('a', 1, { A: 1 }, { priority: 2, todayLoad: 50 }),
      store('b', 4, { B: 1 }, { priority: 0 }),
    ).when(order(['A', 'B']), rules({ weights: { distance: 1, priority: 3, rotation: 8 } }));
    for (const candidate of decision.explanation.candidates) {
      const { distance, priority, rotation } = candidate.score;
      expect(distance + priority + rotation).toBeCloseTo(candidate.total, 9);
    }
    expect(decision.explanation.candidates.map((c) => c.score)).toEqual([
      { distance: expect.closeTo(1, 5) as unknown, priority: 0, rotation: 4 },
      { distance: expect.closeTo(4, 5) as unknown, priority: 6, rotation: 0 },
    ]);
    const cost = decision.explanation.planCost;
    expect(cost?.grouping).toBe(20);
    expect(cost && cost.shipments + cost.grouping + cost.overload).toBeCloseTo(cost?.total ?? NaN, 9);
  });

  it('plans large orders greedily, still comparing the split with one location holding everything', () => {
    const skus = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
    const network = (allKm: number) => [
      store('half', 1, { A: 1, B: 1, C: 1, D: 1 }),
      store('rest', 2, { E: 1, F: 1, G: 1, H: 1 }),
      store('all', allKm, Object.fromEntries(skus.map((sku) => [sku, 1]))),
    ];
    // Split: 1 + 2 km + 20 penalty = 23 km-eq.
    expect(sources(given(...network(30)).when(order(skus)))).toEqual([
      'half:Ax1,Bx1,Cx1,Dx1',
      'rest:Ex1,Fx1,Gx1,Hx1',
    ]);
    expect(sources(given(...network(22.5)).when(order(skus)))).toEqual([
      'all:Ax1,Bx1,Cx1,Dx1,Ex1,Fx1,Gx1,Hx1',
    ]);
  });

  it('sources two lines of one SKU from stock that must cover both', () => {
    const decision = given(store('two', 1, { A: 2 }), store('three', 3, { A: 3 })).when(
      order([
        ['A', 2],
        ['A', 1],
      ]),
    );
    expect(sources(decision)).toEqual(['three:Ax2,Ax1']);
  });

  it('rejects an order without lines', () => {
    let caught: unknown;
    try {
      given(store('s', 1, {})).when(order([]));
    } catch (error) {
      caught = error;
    }
    expect(isDomainError(caught, 'INVALID_SOURCING_REQUEST')).toBe(true);
  });
});
