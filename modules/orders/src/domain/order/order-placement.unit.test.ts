import { describe, it } from 'vitest';
import { decideSpec } from '@omnistream/kernel';
import { order } from './order.js';
import type { OrderCommand, PlaceOrder } from './order-commands.js';
import {
  address,
  authorised,
  cmd,
  now,
  orderId,
  placeData,
  placed,
  released,
  shipment,
  stockReserved,
} from './order.fixture.js';

const spec = decideSpec(order);
const place = (data = placeData()): OrderCommand => ({ type: 'PlaceOrder', data, metadata: { now } });
const withLines = (lines: PlaceOrder['data']['lines'], total: number) => placeData({ lines, total });

describe('placing an order', () => {
  it('records the priced order with the time it was placed', () =>
    spec.given([]).when(place()).then([placed()]));

  it('treats the same order placed again as already placed', () =>
    spec.given([placed()]).when(place()).then([]));

  it('refuses another order under an existing order id', () =>
    spec
      .given([placed()])
      .when(place(placeData({ customerId: 'someone-else' })))
      .thenRejects('ORDER_ID_CONFLICT'));

  it('refuses a line of quantity 0', () =>
    spec
      .given([])
      .when(
        place(
          withLines(
            [{ lineId: 'l1', sku: 'TEE-1', quantity: 0, unitPrice: 1, regularUnitPrice: 1, lineTotal: 0 }],
            0,
          ),
        ),
      )
      .thenRejects('INVALID_QUANTITY'));

  it('refuses an order without lines', () =>
    spec
      .given([])
      .when(place(withLines([], 0)))
      .thenRejects('INVALID_ORDER'));

  it('refuses two lines with one id', () => {
    const line = {
      lineId: 'l1',
      sku: 'TEE-1',
      quantity: 1,
      unitPrice: 100,
      regularUnitPrice: 100,
      lineTotal: 100,
    };
    spec
      .given([])
      .when(place(withLines([line, line], 200)))
      .thenRejects('INVALID_ORDER');
  });

  it('refuses a total that is not the sum of its lines', () =>
    spec
      .given([])
      .when(place(placeData({ total: 1 })))
      .thenRejects('INVALID_AMOUNT'));

  it('refuses a line total that is not unit price times quantity', () =>
    spec
      .given([])
      .when(
        place(
          withLines(
            [
              {
                lineId: 'l1',
                sku: 'TEE-1',
                quantity: 2,
                unitPrice: 100,
                regularUnitPrice: 100,
                lineTotal: 100,
              },
            ],
            100,
          ),
        ),
      )
      .thenRejects('INVALID_AMOUNT'));

  it('refuses home delivery without an address location', () => {
    const { location: _location, ...withoutLocation } = address;
    spec
      .given([])
      .when(
        place(
          placeData({ fulfilment: { type: 'ship_to_home', address: withoutLocation as typeof address } }),
        ),
      )
      .thenRejects('INVALID_ADDRESS');
  });

  it('needs no address to collect in store', () =>
    spec
      .given([])
      .when(place(placeData({ fulfilment: { type: 'collect_in_store', storeId: 'store-a' } })))
      .then([placed({ fulfilment: { type: 'collect_in_store', storeId: 'store-a' } })]));
});

describe('cancelling before release', () => {
  it('cancels the whole order with what it holds, to release and void', () =>
    spec
      .given([placed(), stockReserved, authorised])
      .when(cmd('CancelOrder', { reason: 'changed my mind' }))
      .then([
        {
          type: 'OrderCancelled',
          data: {
            orderId,
            reason: 'changed my mind',
            previousStatus: 'payment_authorised',
            lines: [
              { lineId: 'l1', sku: 'TEE-1', quantity: 2, reservationId: 'r1', amount: 3000 },
              { lineId: 'l2', sku: 'MUG-1', quantity: 1, reservationId: 'r2', amount: 800 },
            ],
            paymentId: 'pay-1',
            authorisedAmount: 3800,
            currency: 'GBP',
            at: now,
          },
        },
      ]));

  it('cancels a placed order, which holds nothing yet', () =>
    spec
      .given([placed()])
      .when(cmd('CancelOrder', { reason: 'x' }))
      .then([
        {
          type: 'OrderCancelled',
          data: {
            orderId,
            reason: 'x',
            previousStatus: 'placed',
            lines: [
              { lineId: 'l1', sku: 'TEE-1', quantity: 2, reservationId: null, amount: 3000 },
              { lineId: 'l2', sku: 'MUG-1', quantity: 1, reservationId: null, amount: 800 },
            ],
            paymentId: null,
            authorisedAmount: 0,
            currency: 'GBP',
            at: now,
          },
        },
      ]));

  it('decides nothing when the order is cancelled already', () => {
    const [cancelled] = order.decide(
      cmd('CancelOrder', { reason: 'x' }),
      order.evolve(order.initialState(), placed()),
    );
    if (cancelled === undefined) throw new Error('expected a cancellation');
    spec
      .given([placed(), cancelled])
      .when(cmd('CancelOrder', { reason: 'again' }))
      .then([]);
  });

  it('refuses to cancel a released order', () =>
    spec
      .given([placed(), stockReserved, authorised, released([shipment('s1', 'dc-1')])])
      .when(cmd('CancelOrder', { reason: 'too late' }))
      .thenRejects('ORDER_ALREADY_RELEASED'));

  it('refuses to cancel a failed order', () =>
    spec
      .given([
        placed(),
        {
          type: 'OrderFailed',
          data: {
            orderId,
            code: 'OUT_OF_STOCK',
            reason: 'none left',
            previousStatus: 'placed',
            lines: [],
            paymentId: null,
            authorisedAmount: 0,
            capturedAmount: 0,
            currency: 'GBP',
            at: now,
          },
        },
      ])
      .when(cmd('CancelOrder', { reason: 'x' }))
      .thenRejects('ORDER_NOT_CANCELLABLE'));

  it('refuses a command for an order that does not exist', () =>
    spec
      .given([])
      .when(cmd('CancelOrder', { reason: 'x' }))
      .thenRejects('ORDER_NOT_FOUND'));
});
