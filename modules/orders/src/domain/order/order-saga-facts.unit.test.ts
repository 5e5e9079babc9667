import { describe, it } from 'vitest';
import { decideSpec } from '@omnistream/kernel';
import { order } from './order.js';
import type { OrderEvent } from './order-event.js';
import {
  authorised,
  cmd,
  deliveredOrder,
  dispatched,
  now,
  orderId,
  picked,
  placed,
  released,
  shipment,
  stockReserved,
} from './order.fixture.js';

const spec = decideSpec(order);
const reserve = cmd('RecordStockReserved', {
  reservations: [
    { lineId: 'l1', reservationId: 'r1' },
    { lineId: 'l2', reservationId: 'r2' },
  ],
});
const authorise = (amount = 3800, paymentId = 'pay-1') =>
  cmd('RecordPaymentAuthorised', { paymentId, amount });
const s1 = shipment('s1', 'dc-1');
const captured = (amount: number, captureId: string, capturedTotal = amount): OrderEvent => ({
  type: 'OrderPaymentCaptured',
  data: { orderId, paymentId: 'pay-1', captureId, amount, capturedTotal, currency: 'GBP', at: now },
});

describe('stock reserved', () => {
  it('records a reservation per line', () => spec.given([placed()]).when(reserve).then([stockReserved]));
  it('decides nothing the second time', () => spec.given([placed(), stockReserved]).when(reserve).then([]));
  it('refuses reservations missing an open line', () =>
    spec
      .given([placed()])
      .when(cmd('RecordStockReserved', { reservations: [{ lineId: 'l1', reservationId: 'r1' }] }))
      .thenRejects('INVALID_RESERVATIONS'));
});

describe('payment authorised', () => {
  it('records the authorisation once stock is held', () =>
    spec.given([placed(), stockReserved]).when(authorise()).then([authorised]));
  it('decides nothing the second time', () =>
    spec.given([placed(), stockReserved, authorised]).when(authorise()).then([]));
  it('refuses an authorisation before stock is held', () =>
    spec.given([placed()]).when(authorise()).thenRejects('ORDER_STOCK_NOT_RESERVED'));
  it('refuses less than the order costs', () =>
    spec
      .given([placed(), stockReserved])
      .when(authorise(100))
      .thenRejects('ORDER_PAYMENT_AMOUNT_INSUFFICIENT'));
  it('refuses a second, different payment', () =>
    spec
      .given([placed(), stockReserved, authorised])
      .when(authorise(3800, 'pay-2'))
      .thenRejects('ORDER_PAYMENT_CONFLICT'));
});

describe('payment captured', () => {
  const given = [placed(), stockReserved, authorised, released([s1]), picked(s1), dispatched(s1)];
  it('records a capture', () =>
    spec
      .given(given)
      .when(cmd('RecordPaymentCaptured', { paymentId: 'pay-1', amount: 3800, captureId: 's1' }))
      .then([captured(3800, 's1')]));
  it('decides nothing for the same capture again', () =>
    spec
      .given([...given, captured(3800, 's1')])
      .when(cmd('RecordPaymentCaptured', { paymentId: 'pay-1', amount: 3800, captureId: 's1' }))
      .then([]));
  it('keys a capture by its payment when it has no capture id', () =>
    spec
      .given([...given, captured(3800, 'pay-1')])
      .when(cmd('RecordPaymentCaptured', { paymentId: 'pay-1', amount: 3800 }))
      .then([]));
  it('takes captures in parts up to what was authorised', () =>
    spec
      .given([...given, captured(3000, 's1')])
      .when(cmd('RecordPaymentCaptured', { paymentId: 'pay-1', amount: 800, captureId: 's2' }))
      .then([captured(800, 's2', 3800)]));
  it('refuses to capture more than was authorised', () =>
    spec
      .given([...given, captured(3000, 's1')])
      .when(cmd('RecordPaymentCaptured', { paymentId: 'pay-1', amount: 801, captureId: 's2' }))
      .thenRejects('ORDER_CAPTURE_EXCEEDS_AUTHORISATION'));
  it('refuses a capture of another payment', () =>
    spec
      .given(given)
      .when(cmd('RecordPaymentCaptured', { paymentId: 'pay-9', amount: 1 }))
      .thenRejects('ORDER_PAYMENT_MISMATCH'));
});

describe('failing an order', () => {
  const failed = (
    previousStatus: 'stock_reserved' | 'released',
    paymentId: string | null = null,
  ): OrderEvent => ({
    type: 'OrderFailed',
    data: {
      orderId,
      code: 'PAYMENT_DECLINED',
      reason: 'card declined',
      previousStatus,
      lines: [
        { lineId: 'l1', sku: 'TEE-1', quantity: 2, reservationId: 'r1', amount: 3000 },
        { lineId: 'l2', sku: 'MUG-1', quantity: 1, reservationId: 'r2', amount: 800 },
      ],
      paymentId,
      authorisedAmount: paymentId === null ? 0 : 3800,
      capturedAmount: 0,
      currency: 'GBP',
      at: now,
    },
  });
  const fail = cmd('FailOrder', { code: 'PAYMENT_DECLINED', reason: 'card declined' });

  it('fails with what it holds, to release', () =>
    spec
      .given([placed(), stockReserved])
      .when(fail)
      .then([failed('stock_reserved')]));
  it('fails a released order that nobody dispatched', () =>
    spec
      .given([placed(), stockReserved, authorised, released([s1])])
      .when(fail)
      .then([failed('released', 'pay-1')]));
  it('decides nothing when it failed already', () =>
    spec
      .given([placed(), stockReserved, failed('stock_reserved')])
      .when(fail)
      .then([]));
  it('refuses once a shipment is on its way', () =>
    spec
      .given([placed(), stockReserved, authorised, released([s1]), picked(s1), dispatched(s1)])
      .when(fail)
      .thenRejects('ORDER_ALREADY_DISPATCHED'));
  it('refuses a delivered order', () =>
    spec.given(deliveredOrder()).when(fail).thenRejects('ORDER_ALREADY_DISPATCHED'));
  it('refuses a code that is not UPPER_SNAKE', () =>
    spec
      .given([placed()])
      .when(cmd('FailOrder', { code: 'declined', reason: 'x' }))
      .thenRejects('INVALID_FAILURE_CODE'));
});
