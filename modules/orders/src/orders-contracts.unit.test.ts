import { beforeAll, describe, expect, it } from 'vitest';
import type { Contract } from '@omnistream/schema-registry';
import { contractValidator, loadContextContracts } from '@omnistream/testing';
import { order } from './domain/order/order.js';
import type { OrderCommand } from './domain/order/order-commands.js';
import type { OrderEvent } from './domain/order/order-event.js';
import { collectInStore, now, placeData, shipment } from './domain/order/order.fixture.js';

/** Runs commands through the decider as the command handler does, per order, collecting what it decides. */
const run = (commands: readonly OrderCommand[]) => {
  const streams = new Map<string, OrderEvent[]>();
  for (const command of commands) {
    const orderId = command.data.orderId;
    const events = streams.get(orderId) ?? [];
    events.push(...order.decide(command, events.reduce(order.evolve, order.initialState())));
    streams.set(orderId, events);
  }
  return [...streams.entries()].flatMap(([orderId, events]) => events.map((e) => ({ orderId, event: e })));
};

const c = (orderId: string, type: OrderCommand['type'], data: object) =>
  ({ type, data: { orderId, ...data }, metadata: { now } }) as OrderCommand;
const reservations = {
  reservations: [
    { lineId: 'l1', reservationId: 'r1' },
    { lineId: 'l2', reservationId: 'r2' },
  ],
};
const paid = (orderId: string, overrides = {}) => [
  c(orderId, 'PlaceOrder', placeData({ orderId, ...overrides })),
  c(orderId, 'RecordStockReserved', reservations),
  c(orderId, 'RecordPaymentAuthorised', { paymentId: `pay-${orderId}`, amount: 3800 }),
];
const home = shipment('s1', 'store-a', ['l1']);
const pickUp = shipment('p1', 'store-a', ['l1', 'l2'], 'pick_up');
const decided = run([
  ...paid('o-home'),
  c('o-home', 'ReleaseOrder', { shipments: [home], unfulfillableLineIds: ['l2'] }),
  c('o-home', 'RejectShipment', { shipmentId: 's1', reason: 'damaged' }),
  c('o-home', 'ReleaseOrder', { shipments: [shipment('s2', 'dc-1', ['l1'])], unfulfillableLineIds: [] }),
  c('o-home', 'ConfirmShipmentPicked', { shipmentId: 's2' }),
  c('o-home', 'RecordShipmentDispatched', { shipmentId: 's2', carrier: 'ups', trackingNumber: '1Z9' }),
  c('o-home', 'RecordPaymentCaptured', { paymentId: 'pay-o-home', amount: 3000, captureId: 's2' }),
  c('o-home', 'RecordShipmentDelivered', { shipmentId: 's2' }),
  c('o-home', 'RequestReturn', {
    returnId: 'ret-1',
    lines: [{ lineId: 'l1', quantity: 1 }],
    reason: 'too small',
  }),
  c('o-home', 'ReceiveReturn', { returnId: 'ret-1' }),
  c('o-home', 'RecordRefund', { returnId: 'ret-1', paymentId: 'pay-o-home', amount: 1500 }),
  ...paid('o-collect', collectInStore),
  c('o-collect', 'ReleaseOrder', { shipments: [pickUp], unfulfillableLineIds: [] }),
  c('o-collect', 'ConfirmShipmentPicked', { shipmentId: 'p1' }),
  c('o-collect', 'MarkReadyForCollection', { storeId: 'store-a' }),
  c('o-collect', 'ConfirmCollected', {}),
  c('o-changes', 'PlaceOrder', placeData({ orderId: 'o-changes' })),
  c('o-changes', 'ChangeDeliveryAddress', {
    address: {
      name: 'A',
      line1: '1 Road',
      line2: 'Flat 2',
      city: 'Leeds',
      postcode: 'LS1 1AA',
      country: 'GB',
      location: { lat: 53.8, lon: -1.55 },
    },
  }),
  c('o-changes', 'CancelOrderLines', { lineIds: ['l2'], reason: 'not needed' }),
  c('o-changes', 'CancelOrder', { reason: 'changed my mind' }),
  c('o-failed', 'PlaceOrder', placeData({ orderId: 'o-failed' })),
  c('o-failed', 'FailOrder', { code: 'OUT_OF_STOCK', reason: 'none left' }),
]);

describe('the public order events', () => {
  let contracts: Contract[];
  beforeAll(async () => {
    contracts = await loadContextContracts('orders');
  });

  it('has a contract for every event the decider decides, and the decider decides every contract', () => {
    const types = new Set(decided.map(({ event }) => event.type));
    expect([...types].sort()).toEqual(contracts.map((contract) => contract.eventType).sort());
  });

  it('validates every decided event against its contract', () => {
    const validate = contractValidator(contracts);
    for (const { orderId, event } of decided)
      expect(() => validate(`order-${orderId}`, [{ ...event }])).not.toThrow();
  });

  it('refuses data outside the contract, so the test above can fail', () => {
    const validate = contractValidator(contracts);
    const placed = decided.find(({ event }) => event.type === 'OrderPlaced');
    if (placed === undefined) throw new Error('no OrderPlaced decided');
    expect(() =>
      validate('order-o-home', [{ type: 'OrderPlaced', data: { ...placed.event.data, extra: 1 } }]),
    ).toThrow(/OrderPlaced/);
  });
});
