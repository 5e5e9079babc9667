import { describe, it } from 'vitest';
import { uuidV7, type EventEnvelope } from '@omnistream/kernel';
import { commandIdOf, sagaSpec } from '@omnistream/sagas';
import type { OrderPlaced } from '@omnistream/contracts/orders';
import { createOrderFlowSaga } from './order-flow-saga.js';

const at = '2026-11-27T09:00:00.000Z';
const saga = createOrderFlowSaga({ paymentTimeoutMs: 15 * 60_000, collectionTimeoutMs: 7 * 86_400_000 });
const spec = sagaSpec(saga);

const envelope = (streamId: string, type: string, data: unknown): EventEnvelope => ({
  id: uuidV7(),
  type,
  streamId,
  version: 1,
  data,
  metadata: { occurredAt: at },
  globalPosition: 1n,
  transactionId: 1n,
  recordedAt: at,
});

const order: OrderPlaced = {
  orderId: 'o-1',
  customerId: 'c-1',
  channel: 'web',
  market: 'GB',
  currency: 'GBP',
  salesChannel: 'web-gb',
  lines: [
    { lineId: 'l1', sku: 'TEE-1', quantity: 2, unitPrice: 1500, regularUnitPrice: 1500, lineTotal: 3000 },
  ],
  total: 3000,
  fulfilment: {
    type: 'ship_to_home',
    address: {
      name: 'Ada',
      line1: '1 Road',
      city: 'London',
      postcode: 'N1 1AA',
      country: 'GB',
      location: { lat: 51.5, lon: -0.1 },
    },
  },
  shipFromStoreAllowed: false,
  payment: { method: 'card', token: 'tok' },
  placedAt: at,
};
const reservation = { lineId: 'l1', sku: 'TEE-1', quantity: 2, reservationId: 'o-1:l1' };

const placed = envelope('order-o-1', 'OrderPlaced', order);
const reply = (step: string, result: unknown) =>
  envelope(`sagareply-${step}`, 'SagaCommandSucceeded', {
    commandId: commandIdOf('orderFlow-o-1', step, 'forward'),
    saga: 'orderFlow',
    instanceId: 'o-1',
    step,
    role: 'forward',
    result,
  });
const rejected = (step: string, code: string) =>
  envelope(`sagareply-${step}`, 'SagaCommandRejected', {
    commandId: commandIdOf('orderFlow-o-1', step, 'forward'),
    saga: 'orderFlow',
    instanceId: 'o-1',
    step,
    role: 'forward',
    code,
    message: `${code} for the test`,
  });

const reserve = {
  target: 'inventory',
  type: 'ReserveOrderStock',
  data: {
    orderId: 'o-1',
    salesChannel: 'web-gb',
    lines: [{ lineId: 'l1', sku: 'TEE-1', quantity: 2 }],
    ttlSeconds: 86400,
  },
};
const release = {
  target: 'inventory',
  type: 'ReleaseOrderStock',
  data: {
    orderId: 'o-1',
    reservations: [{ sku: 'TEE-1', reservationId: 'o-1:l1' }],
    reason: 'order did not go ahead',
  },
};
const cancelPayment = { target: 'payments', type: 'CancelPayment', data: { paymentId: 'o-1-payment' } };
const reserved = reply('reserve', { reservations: [reservation] });
/** What an authorised payment sends: record it on the order, and source the order on live stock. */
const onAuthorised = [
  {
    target: 'orders',
    type: 'RecordPaymentAuthorised',
    data: { orderId: 'o-1', paymentId: 'o-1-payment', amount: 3000 },
  },
  {
    target: 'inventory',
    type: 'SourceOrder',
    data: {
      orderId: 'o-1',
      salesChannel: 'web-gb',
      lines: [reservation],
      fulfilment: { type: 'ship_to_home', deliveryPoint: { lat: 51.5, lon: -0.1 } },
      excludeLocations: [],
    },
  },
];

describe('the order flow saga', () => {
  it('reserves the order stock when an order is placed', () =>
    spec
      .given([])
      .when(placed)
      .then({ commands: [reserve], status: 'running' }));

  it('records the reservation, asks for the payment and starts the payment clock once stock is held', () =>
    spec
      .given([placed])
      .when(reserved)
      .then({
        commands: [
          {
            target: 'orders',
            type: 'RecordStockReserved',
            data: { orderId: 'o-1', reservations: [{ lineId: 'l1', reservationId: 'o-1:l1' }] },
          },
          {
            target: 'payments',
            type: 'AuthorisePayment',
            data: {
              paymentId: 'o-1-payment',
              orderId: 'o-1',
              amount: 3000,
              currency: 'GBP',
              market: 'GB',
              paymentMethod: { type: 'card', token: 'tok' },
            },
          },
        ],
        timers: [{ timer: 'paymentTimeout', dueAt: '2026-11-27T09:15:00.000Z' }],
      }));

  it('fails the order without compensating anything when there is no stock', () =>
    spec
      .given([placed])
      .when(rejected('reserve', 'INSUFFICIENT_STOCK'))
      .then({
        commands: [
          {
            target: 'orders',
            type: 'FailOrder',
            data: { orderId: 'o-1', code: 'INSUFFICIENT_STOCK', reason: 'INSUFFICIENT_STOCK for the test' },
          },
        ],
        status: 'failed',
      }));

  it('sources the order once the payment is authorised', () =>
    spec
      .given([placed, reserved])
      .when(reply('authorise', { paymentId: 'o-1-payment', status: 'authorised' }))
      .then({
        commands: onAuthorised,
        cancelled: ['paymentTimeout'],
      }));

  it('waits for a pending payment, and sources when its authorisation arrives by webhook', () => {
    const pending = reply('authorise', { paymentId: 'o-1-payment', status: 'pending' });
    spec.given([placed, reserved]).when(pending).thenIgnores();
    spec
      .given([placed, reserved, pending])
      .when(
        envelope('payment-o-1-payment', 'PaymentAuthorised', { paymentId: 'o-1-payment', orderId: 'o-1' }),
      )
      .then({
        commands: onAuthorised,
        cancelled: ['paymentTimeout'],
      });
  });

  it('gives the stock back when the payment is refused, without voiding what was never authorised', () =>
    spec
      .given([placed, reserved])
      .when(reply('authorise', { paymentId: 'o-1-payment', status: 'refused' }))
      .thenCompensates([release]));

  it('voids the authorisation and gives the stock back when the payment never answers', () =>
    spec
      .given([placed, reserved])
      .when({ timer: 'paymentTimeout' })
      .thenCompensates([cancelPayment, release]));

  it('ignores a reply it has already seen', () =>
    spec.given([placed, reserved]).when(reserved).thenIgnores());
});
