import { describe, it } from 'vitest';
import { decideSpec } from '@omnistream/kernel';
import type { SourcingDecision } from '../sourcing/sourcing-decision.js';
import { orderSourcing, type OrderSourcingEvent } from './order-sourcing.js';

const spec = decideSpec(orderSourcing);
const monday = '2026-11-23T09:00:00.000Z';
const mondayLater = '2026-11-23T15:00:00.000Z';
const tuesday = '2026-11-24T08:00:00.000Z';

const decision = (allocations: [lineId: string, locationId: string][]): SourcingDecision => ({
  orderId: 'order-1',
  ruleSetId: 'gb',
  ruleSetVersion: 2,
  planner: 'engine',
  status: 'planned',
  shipments: [],
  allocations: allocations.map(([lineId, locationId]) => ({ lineId, sku: 'SKU-1', locationId, quantity: 1 })),
  explanation: {
    fulfilment: 'ship_to_home',
    candidates: [],
    excluded: [],
    planCost: null,
    bestSingleLocation: null,
  },
});
const record = (d: SourcingDecision, now: string) => ({
  type: 'RecordSourcingDecision' as const,
  data: { decision: d },
  metadata: { now },
});
const decided = (
  d: SourcingDecision,
  sequence: number,
  at: string,
  change: Record<string, number>,
): OrderSourcingEvent => ({
  type: 'OrderSourcingDecided',
  data: { orderId: 'order-1', sequence, decision: d, load: { day: at.slice(0, 10), change }, at },
});

const first = decision([
  ['1', 'store-a'],
  ['2', 'store-a'],
  ['3', 'dc'],
]);
const again = decision([
  ['1', 'store-b'],
  ['2', 'store-b'],
  ['3', 'dc'],
]);

describe('order sourcing', () => {
  it('records the first decision and adds its lines to each location load of the day', () =>
    spec
      .given([])
      .when(record(first, monday))
      .then([decided(first, 1, monday, { 'store-a': 2, dc: 1 })]));

  it('takes the replaced decision lines back when an order is sourced again the same day', () =>
    spec
      .given([decided(first, 1, monday, { 'store-a': 2, dc: 1 })])
      .when(record(again, mondayLater))
      .then([decided(again, 2, mondayLater, { 'store-b': 2, 'store-a': -2 })]));

  it('leaves an earlier day load alone when the order is sourced again on a later day', () =>
    spec
      .given([decided(first, 1, monday, { 'store-a': 2, dc: 1 })])
      .when(record(again, tuesday))
      .then([decided(again, 2, tuesday, { 'store-b': 2, dc: 1 })]));
});
