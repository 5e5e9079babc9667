import { describe, it } from 'vitest';
import { decideSpec } from '@omnistream/kernel';
import { order } from './order.js';
import type { OrderEvent } from './order-event.js';
import {
  authorised,
  cmd,
  collectInStore,
  deliveredOrder,
  now,
  orderId,
  picked,
  placed,
  released,
  shipment,
  stockReserved,
} from './order.fixture.js';

const spec = decideSpec(order);
const atStore = shipment('s1', 'store-a', ['l1', 'l2'], 'pick_up');
const collect = [placed(collectInStore), stockReserved, authorised, released([atStore])];
const ready: OrderEvent = { type: 'OrderReadyForCollection', data: { orderId, storeId: 'store-a', at: now } };
const collected: OrderEvent = {
  type: 'OrderCollected',
  data: { orderId, storeId: 'store-a', paymentId: 'pay-1', amount: 3800, currency: 'GBP', at: now },
};
const markReady = cmd('MarkReadyForCollection', { storeId: 'store-a' });

describe('collect in store', () => {
  it('is ready for collection once picked at the store', () =>
    spec
      .given([...collect, picked(atStore)])
      .when(markReady)
      .then([ready]));
  it('decides nothing when ready already', () =>
    spec
      .given([...collect, picked(atStore), ready])
      .when(markReady)
      .then([]));
  it('is not ready before the pick', () =>
    spec.given(collect).when(markReady).thenRejects('ORDER_NOT_AT_STORE'));
  it('refuses another store', () =>
    spec
      .given([...collect, picked(atStore)])
      .when(cmd('MarkReadyForCollection', { storeId: 'store-b' }))
      .thenRejects('ORDER_STORE_MISMATCH'));
  it('refuses for a home delivery', () =>
    spec.given(deliveredOrder()).when(markReady).thenRejects('ORDER_NOT_COLLECT_IN_STORE'));
  it('records the collection with what is left to capture, once', () => {
    spec
      .given([...collect, picked(atStore), ready])
      .when(cmd('ConfirmCollected', {}))
      .then([collected]);
    spec
      .given([...collect, picked(atStore), ready, collected])
      .when(cmd('ConfirmCollected', {}))
      .then([]);
  });
  it('refuses a collection before the order is ready', () =>
    spec
      .given([...collect, picked(atStore)])
      .when(cmd('ConfirmCollected', {}))
      .thenRejects('ORDER_NOT_READY_FOR_COLLECTION'));
  it('fails an order never collected', () =>
    spec
      .given([...collect, picked(atStore), ready])
      .when(cmd('FailOrder', { code: 'NOT_COLLECTED', reason: 'not collected in 14 days' }))
      .then([
        {
          type: 'OrderFailed',
          data: {
            orderId,
            code: 'NOT_COLLECTED',
            reason: 'not collected in 14 days',
            previousStatus: 'ready_for_collection',
            lines: [
              { lineId: 'l1', sku: 'TEE-1', quantity: 2, reservationId: 'r1', amount: 3000 },
              { lineId: 'l2', sku: 'MUG-1', quantity: 1, reservationId: 'r2', amount: 800 },
            ],
            paymentId: 'pay-1',
            authorisedAmount: 3800,
            capturedAmount: 0,
            currency: 'GBP',
            at: now,
          },
        },
      ]));
});

describe('returns', () => {
  const returnLines = [{ lineId: 'l1', sku: 'TEE-1', quantity: 1, amount: 1500 }];
  const authorisedReturn: OrderEvent = {
    type: 'OrderReturnAuthorised',
    data: {
      orderId,
      returnId: 'ret-1',
      lines: returnLines,
      amount: 1500,
      currency: 'GBP',
      reason: 'too small',
      at: now,
    },
  };
  const received: OrderEvent = {
    type: 'OrderReturnReceived',
    data: {
      orderId,
      returnId: 'ret-1',
      lines: returnLines,
      refundAmount: 1500,
      paymentId: 'pay-1',
      currency: 'GBP',
      at: now,
    },
  };
  const captured: OrderEvent = {
    type: 'OrderPaymentCaptured',
    data: {
      orderId,
      paymentId: 'pay-1',
      captureId: 's1',
      amount: 3800,
      capturedTotal: 3800,
      currency: 'GBP',
      at: now,
    },
  };
  const refunded: OrderEvent = {
    type: 'OrderRefunded',
    data: {
      orderId,
      refundId: 'ret-1',
      returnId: 'ret-1',
      paymentId: 'pay-1',
      amount: 1500,
      currency: 'GBP',
      at: now,
    },
  };
  const request = (quantity = 1, returnId = 'ret-1') =>
    cmd('RequestReturn', { returnId, lines: [{ lineId: 'l1', quantity }], reason: 'too small' });
  const refund = cmd('RecordRefund', { returnId: 'ret-1', paymentId: 'pay-1', amount: 1500 });
  const done = [...deliveredOrder(), captured];

  it('authorises a return of delivered units', () =>
    spec.given(done).when(request()).then([authorisedReturn]));
  it('decides nothing for the same return again', () =>
    spec
      .given([...done, authorisedReturn])
      .when(request())
      .then([]));
  it('refuses the same return id for other lines', () =>
    spec
      .given([...done, authorisedReturn])
      .when(request(2))
      .thenRejects('ORDER_RETURN_CONFLICT'));
  it('refuses more units than are left to return', () =>
    spec
      .given([...done, authorisedReturn])
      .when(request(2, 'ret-2'))
      .thenRejects('ORDER_RETURN_EXCEEDS_QUANTITY'));
  it('refuses a return before delivery', () =>
    spec.given([placed(), stockReserved]).when(request()).thenRejects('ORDER_NOT_RETURNABLE'));
  it('records the goods received with the amount to refund, once', () => {
    spec
      .given([...done, authorisedReturn])
      .when(cmd('ReceiveReturn', { returnId: 'ret-1' }))
      .then([received]);
    spec
      .given([...done, authorisedReturn, received])
      .when(cmd('ReceiveReturn', { returnId: 'ret-1' }))
      .then([]);
  });
  it('refuses to receive an unknown return', () =>
    spec
      .given(done)
      .when(cmd('ReceiveReturn', { returnId: 'ret-9' }))
      .thenRejects('ORDER_RETURN_NOT_FOUND'));
  it('records the refund of a received return, once', () => {
    spec
      .given([...done, authorisedReturn, received])
      .when(refund)
      .then([refunded]);
    spec
      .given([...done, authorisedReturn, received, refunded])
      .when(refund)
      .then([]);
  });
  it('refuses a refund before the goods are back', () =>
    spec
      .given([...done, authorisedReturn])
      .when(refund)
      .thenRejects('ORDER_RETURN_NOT_RECEIVED'));
  it('refuses to refund more than was captured', () =>
    spec
      .given(deliveredOrder())
      .when(cmd('RecordRefund', { paymentId: 'pay-1', amount: 1 }))
      .thenRejects('ORDER_REFUND_EXCEEDS_CAPTURED'));
});
