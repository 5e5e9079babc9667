import { describe, expect, it } from 'vitest';
import {
  authorised,
  declined,
  envelope,
  orderFulfilment,
  placed,
  rejected,
  reserved,
} from './order-fulfilment.fixture.js';
import { sagaSpec } from './saga-spec.js';

const spec = sagaSpec(orderFulfilment);
const orderPlaced = envelope(placed('o1'));
const stockReserved = envelope(reserved('o1'), '2026-03-01T10:01:00.000Z');
const reserveStock = {
  target: 'inventory',
  type: 'ReserveStock',
  data: { orderId: 'o1', sku: 'sku-1', quantity: 2 },
};
const authorisePayment = {
  target: 'payments',
  type: 'AuthorisePayment',
  data: { orderId: 'o1', amount: { amountMinor: 4_990, currency: 'EUR' } },
};
const releaseReservation = { target: 'inventory', type: 'ReleaseReservation', data: { orderId: 'o1' } };
const voidAuthorisation = { target: 'payments', type: 'VoidAuthorisation', data: { orderId: 'o1' } };

describe('the order fulfilment saga', () => {
  it('reserves stock when an order is placed', () =>
    spec
      .given([])
      .when(orderPlaced)
      .then({
        commands: [reserveStock],
        events: [
          {
            type: 'FulfilmentStarted',
            data: { orderId: 'o1', amount: { amountMinor: 4_990, currency: 'EUR' } },
          },
        ],
        status: 'running',
      }));

  it('asks for payment and starts the payment timeout once stock is reserved', () =>
    spec
      .given([orderPlaced])
      .when(stockReserved)
      .then({
        commands: [authorisePayment],
        timers: [{ timer: 'paymentTimeout', dueAt: '2026-03-01T10:16:00.000Z' }],
        status: 'running',
      }));

  it('confirms the order, cancels the timeout and completes once payment is authorised', () =>
    spec
      .given([orderPlaced, stockReserved])
      .when(envelope(authorised('o1')))
      .then({
        commands: [{ target: 'orders', type: 'ConfirmOrder', data: { orderId: 'o1' } }],
        cancelled: ['paymentTimeout'],
        status: 'completed',
      }));

  it('releases the stock, and only the stock, when the payment is declined', () =>
    spec
      .given([orderPlaced, stockReserved])
      .when(envelope(declined('o1')))
      .thenCompensates([releaseReservation]));

  it('voids the payment and then releases the stock, newest step first, when the payment times out', () =>
    spec
      .given([orderPlaced, stockReserved])
      .when({ timer: 'paymentTimeout' })
      .thenCompensates([voidAuthorisation, releaseReservation]));

  it('fails without compensation when no stock could be reserved', () =>
    spec
      .given([orderPlaced])
      .when(envelope(rejected('o1')))
      .then({ status: 'failed' }));

  it('ignores a redelivered input', () =>
    spec.given([orderPlaced, stockReserved]).when(stockReserved).thenIgnores());

  it('ignores a late reply once the saga has ended', () =>
    spec
      .given([orderPlaced, stockReserved, { timer: 'paymentTimeout' }])
      .when(envelope(authorised('o1')))
      .thenIgnores());

  it('ignores replies for an order it never started', () => spec.given([]).when(stockReserved).thenIgnores());

  it('ignores events that belong to no saga instance', () =>
    spec
      .given([])
      .when(envelope({ streamId: 'order-o1', event: { type: 'OrderNoted', data: { orderId: 'o1' } } }))
      .thenIgnores());

  it('refuses to fire a timer that was cancelled', () =>
    expect(() =>
      spec
        .given([orderPlaced, stockReserved, envelope(declined('o1'))])
        .when({ timer: 'paymentTimeout' })
        .thenIgnores(),
    ).toThrow(/no pending timer/));
});
