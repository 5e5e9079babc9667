import { describe, it } from 'vitest';
import { decideSpec } from '@omnistream/kernel';
import { order } from './order.js';
import type { OrderEvent } from './order-event.js';
import {
  address,
  authorised,
  cmd,
  collectInStore,
  now,
  orderId,
  placed,
  released,
  shipment,
  stockReserved,
} from './order.fixture.js';

const spec = decideSpec(order);
const mugCancelled: OrderEvent = {
  type: 'OrderLinesCancelled',
  data: {
    orderId,
    reason: 'not needed',
    lines: [{ lineId: 'l2', sku: 'MUG-1', quantity: 1, reservationId: 'r2', amount: 800 }],
    amountReleased: 800,
    total: 3000,
    paymentId: 'pay-1',
    currency: 'GBP',
    at: now,
  },
};
const newAddress = { ...address, line1: '1 Horse Guards Road', postcode: 'SW1A 2HQ' };

describe('cancelling lines', () => {
  it('cancels a line with its reservation and the amount no longer owed', () =>
    spec
      .given([placed(), stockReserved, authorised])
      .when(cmd('CancelOrderLines', { lineIds: ['l2'], reason: 'not needed' }))
      .then([mugCancelled]));

  it('decides nothing when the lines are cancelled already', () =>
    spec
      .given([placed(), stockReserved, authorised, mugCancelled])
      .when(cmd('CancelOrderLines', { lineIds: ['l2'], reason: 'not needed' }))
      .then([]));

  it('cancels the order when every open line is cancelled', () => {
    const [event] = order.decide(
      cmd('CancelOrderLines', { lineIds: ['l1'], reason: 'nothing left' }),
      [placed(), stockReserved, authorised, mugCancelled].reduce(order.evolve, order.initialState()),
    );
    if (event?.type !== 'OrderCancelled') throw new Error(`expected OrderCancelled, got ${event?.type}`);
    spec
      .given([placed(), stockReserved, authorised, mugCancelled])
      .when(cmd('CancelOrderLines', { lineIds: ['l1'], reason: 'nothing left' }))
      .then([
        {
          type: 'OrderCancelled',
          data: {
            ...event.data,
            previousStatus: 'payment_authorised',
            lines: [{ lineId: 'l1', sku: 'TEE-1', quantity: 2, reservationId: 'r1', amount: 3000 }],
          },
        },
      ]);
  });

  it('refuses an unknown line', () =>
    spec
      .given([placed()])
      .when(cmd('CancelOrderLines', { lineIds: ['l9'], reason: 'x' }))
      .thenRejects('ORDER_LINE_NOT_FOUND'));

  it('refuses after release', () =>
    spec
      .given([placed(), stockReserved, authorised, released([shipment('s1', 'dc-1')])])
      .when(cmd('CancelOrderLines', { lineIds: ['l2'], reason: 'x' }))
      .thenRejects('ORDER_ALREADY_RELEASED'));
});

describe('changing the delivery address', () => {
  const changed: OrderEvent = {
    type: 'OrderDeliveryAddressChanged',
    data: { orderId, address: newAddress, at: now },
  };

  it('records a new address before release', () =>
    spec
      .given([placed(), stockReserved])
      .when(cmd('ChangeDeliveryAddress', { address: newAddress }))
      .then([changed]));

  it('decides nothing when the address is the one recorded', () =>
    spec
      .given([placed(), changed])
      .when(cmd('ChangeDeliveryAddress', { address: newAddress }))
      .then([]));

  it('refuses after release', () =>
    spec
      .given([placed(), stockReserved, authorised, released([shipment('s1', 'dc-1')])])
      .when(cmd('ChangeDeliveryAddress', { address: newAddress }))
      .thenRejects('ORDER_ALREADY_RELEASED'));

  it('refuses for an order collected in store', () =>
    spec
      .given([placed(collectInStore)])
      .when(cmd('ChangeDeliveryAddress', { address: newAddress }))
      .thenRejects('ORDER_NOT_DELIVERED_TO_ADDRESS'));
});
