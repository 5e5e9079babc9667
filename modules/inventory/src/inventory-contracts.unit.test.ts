import { beforeAll, describe, expect, it } from 'vitest';
import { fold, type Command, type DecidedEvent, type Decider } from '@omnistream/kernel';
import type { Contract } from '@omnistream/schema-registry';
import { contractValidator, loadContextContracts } from '@omnistream/testing';
import { stockItem } from './domain/stock/stock-item.js';
import type { StockItemCommand } from './domain/stock/stock-item-messages.js';
import { orderSourcing } from './domain/order-sourcing/order-sourcing.js';
import { planSourcing } from './domain/sourcing/plan-sourcing.js';
import { home, kmNorth, ruleSetJson } from './domain/sourcing/sourcing.fixture.js';
import { parseRuleSet } from './domain/sourcing/parse-rule-set.js';

/** Runs commands through a decider the way the command handler does, collecting what it decides. */
const run = <S, C extends Command, E extends DecidedEvent>(
  decider: Decider<S, C, E>,
  commands: readonly C[],
) => {
  const events: E[] = [];
  for (const command of commands)
    events.push(...decider.decide(command, fold(decider, decider.initialState(), events)));
  return events;
};

const now = '2026-11-27T09:00:00.000Z';
const later = '2026-11-27T10:00:00.000Z';
const stock = (type: StockItemCommand['type'], data: object, at = now) =>
  ({ type, data: { sku: 'TEE-1', ...data }, metadata: { now: at } }) as StockItemCommand;
const stockEvents = run(stockItem, [
  stock('ReceiveStock', { locationId: 'dc', quantity: 10, reference: 'asn-1' }),
  stock('ReceiveStock', { locationId: 'store-1', quantity: 3 }),
  stock('AdjustStock', { locationId: 'dc', delta: -1, reason: 'damaged' }),
  stock('CountStock', { locationId: 'store-1', counted: 4 }),
  stock('SetSafetyStock', { locationId: 'store-1', quantity: 1 }),
  stock('ReserveStock', {
    reservationId: 'o-1-1',
    channel: 'web-gb',
    quantity: 2,
    locations: ['dc'],
    expiresAt: later,
  }),
  stock('ReserveStock', {
    reservationId: 'o-2-1',
    channel: 'web-gb',
    quantity: 1,
    locations: ['dc'],
    expiresAt: later,
  }),
  stock('ReserveStock', {
    reservationId: 'o-3-1',
    channel: 'web-gb',
    quantity: 1,
    locations: ['dc'],
    expiresAt: '2026-11-27T09:30:00.000Z',
  }),
  stock('ReleaseReservation', { reservationId: 'o-2-1', reason: 'payment declined' }),
  stock('ReallocateReservation', {
    reservationId: 'o-1-1',
    allocations: [
      { locationId: 'dc', quantity: 1 },
      { locationId: 'store-1', quantity: 1 },
    ],
  }),
  stock('CommitReservation', { reservationId: 'o-1-1' }),
  stock('ExpireReservations', {}, later),
]);

const network = {
  locations: [
    {
      id: 'dc',
      type: 'dc' as const,
      ...kmNorth(200),
      priority: 1,
      dailyCapacity: 100,
      todayLoad: 0,
      capabilities: ['ship' as const],
      open: true,
    },
    {
      id: 'store-1',
      type: 'store' as const,
      ...kmNorth(3),
      priority: 1,
      dailyCapacity: 100,
      todayLoad: 0,
      capabilities: ['ship_from_store' as const],
      open: false,
    },
  ],
  stockOf: (sku: string) =>
    sku === 'TEE-1'
      ? new Map([
          ['dc', 5],
          ['store-1', 5],
        ])
      : undefined,
};
const rules = parseRuleSet(ruleSetJson);
const decision = (orderId: string, quantity: number) =>
  planSourcing(
    {
      orderId,
      lines: [{ lineId: '1', sku: 'TEE-1', quantity }],
      fulfilment: { type: 'ship_to_home', deliveryPoint: home },
    },
    network,
    rules,
  );
const sourcingEvents = run(orderSourcing, [
  { type: 'RecordSourcingDecision', data: { decision: decision('o-1', 2) }, metadata: { now } },
  { type: 'RecordSourcingDecision', data: { decision: decision('o-1', 50) }, metadata: { now: later } },
]);

describe('the inventory contracts', () => {
  let contracts: Contract[];
  let validate: ReturnType<typeof contractValidator>;
  beforeAll(async () => {
    contracts = await loadContextContracts('inventory');
    validate = contractValidator(contracts);
  });

  it('are read by the server loader as the public events of inventory.stock and inventory.sourcing', () =>
    expect(contracts.map((c) => c.subject)).toEqual([
      'inventory.sourcing-OrderSourcingDecided',
      'inventory.stock-ReservationCommitted',
      'inventory.stock-ReservationExpired',
      'inventory.stock-ReservationReallocated',
      'inventory.stock-ReservationReleased',
      'inventory.stock-SafetyStockSet',
      'inventory.stock-StockAdjusted',
      'inventory.stock-StockCounted',
      'inventory.stock-StockReceived',
      'inventory.stock-StockReserved',
    ]));

  it('cover every stock event the stock decider decides', () =>
    expect([...new Set(stockEvents.map((e) => e.type))].sort()).toEqual(
      contracts.filter((c) => c.category === 'stock').map((c) => c.eventType),
    ));

  it('accept every event the deciders decide, planned and unfulfillable decisions alike', () => {
    for (const event of stockEvents) validate('stock-TEE-1', [event]);
    expect(sourcingEvents.map((e) => e.data.decision.status)).toEqual(['planned', 'unfulfillable']);
    for (const event of sourcingEvents) validate('sourcing-o-1', [event]);
  });

  it.each([
    ['a zero adjustment', 'StockAdjusted', { delta: 0 }],
    ['an unknown field', 'StockReserved', { note: 'x' }],
    ['a fractional quantity', 'StockReceived', { quantity: 1.5 }],
    ['a time without a zone', 'ReservationReleased', { at: '2026-11-27T09:00:00' }],
  ])('refuse %s', (_case, type, change) => {
    const event = stockEvents.find((e) => e.type === type) as DecidedEvent;
    const data = { ...(event.data as object), ...change };
    expect(() => validate('stock-TEE-1', [{ type, data }])).toThrow(
      /SCHEMA_VALIDATION_FAILED|inventory\.stock/,
    );
  });
});
