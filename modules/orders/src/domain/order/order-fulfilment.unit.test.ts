import { describe, it } from 'vitest';
import { decideSpec } from '@omnistream/kernel';
import { order } from './order.js';
import type { OrderEvent } from './order-event.js';
import {
  authorised,
  cmd,
  delivered,
  dispatched,
  now,
  orderId,
  picked,
  placed,
  rejected,
  released,
  shipment,
  shipmentDelivered,
  stockReserved,
} from './order.fixture.js';

const spec = decideSpec(order);
const paid = [placed(), stockReserved, authorised];
const s1 = shipment('s1', 'dc-1');
const teeAtStore = shipment('s2', 'store-a', ['l1']);
const mugAtStore = shipment('s3', 'store-b', ['l2']);
const release = (shipments = [s1], unfulfillableLineIds: string[] = []) =>
  cmd('ReleaseOrder', { shipments, unfulfillableLineIds });
const dispatch = (shipmentId: string) =>
  cmd('RecordShipmentDispatched', { shipmentId, carrier: 'ups', trackingNumber: '1Z999' });

describe('releasing to locations', () => {
  it('assigns the lines to shipments at locations', () =>
    spec
      .given(paid)
      .when(release())
      .then([released([s1])]));

  it('splits an order over two locations', () =>
    spec
      .given(paid)
      .when(release([teeAtStore, mugAtStore]))
      .then([released([teeAtStore, mugAtStore])]));

  it('decides nothing when the release is recorded', () =>
    spec
      .given([...paid, released([s1])])
      .when(release())
      .then([]));

  it('takes unfulfillable lines out of the order (partial fulfilment)', () =>
    spec
      .given(paid)
      .when(release([teeAtStore], ['l2']))
      .then([
        {
          type: 'OrderReleased',
          data: {
            orderId,
            shipments: [teeAtStore],
            unfulfillableLines: [
              { lineId: 'l2', sku: 'MUG-1', quantity: 1, reservationId: 'r2', amount: 800 },
            ],
            amountReleased: 800,
            total: 3000,
            currency: 'GBP',
            resourced: false,
            at: now,
          },
        },
      ]));

  it('refuses a release before payment is authorised', () =>
    spec.given([placed(), stockReserved]).when(release()).thenRejects('ORDER_PAYMENT_NOT_AUTHORISED'));

  it('refuses a release leaving a line uncovered', () =>
    spec
      .given(paid)
      .when(release([teeAtStore]))
      .thenRejects('INVALID_RELEASE'));

  it('refuses a release where nothing can be fulfilled', () =>
    spec
      .given(paid)
      .when(release([], ['l1', 'l2']))
      .thenRejects('ORDER_NOTHING_FULFILLABLE'));

  it('refuses a shipment mode the fulfilment does not use', () =>
    spec
      .given(paid)
      .when(release([shipment('s1', 'store-a', ['l1', 'l2'], 'pick_up')]))
      .thenRejects('INVALID_RELEASE'));

  it('refuses a release mixing recorded and new shipments', () =>
    spec
      .given([...paid, released([teeAtStore, mugAtStore])])
      .when(release([teeAtStore, s1]))
      .thenRejects('ORDER_RELEASE_CONFLICT'));
});

describe('a store rejecting a shipment', () => {
  it('records the rejection with the lines to source again', () =>
    spec
      .given([...paid, released([teeAtStore, mugAtStore])])
      .when(cmd('RejectShipment', { shipmentId: 's2', reason: 'damaged stock' }))
      .then([rejected(teeAtStore)]));

  it('decides nothing when the rejection is recorded', () =>
    spec
      .given([...paid, released([teeAtStore, mugAtStore]), rejected(teeAtStore)])
      .when(cmd('RejectShipment', { shipmentId: 's2', reason: 'again' }))
      .then([]));

  it('takes a new shipment for the rejected lines (re-sourcing)', () => {
    const elsewhere = shipment('s4', 'dc-1', ['l1']);
    spec
      .given([...paid, released([teeAtStore, mugAtStore]), rejected(teeAtStore)])
      .when(release([elsewhere]))
      .then([released([elsewhere], true)]);
  });

  it('refuses to pick a rejected shipment', () =>
    spec
      .given([...paid, released([s1]), rejected(s1)])
      .when(cmd('ConfirmShipmentPicked', { shipmentId: 's1' }))
      .thenRejects('ORDER_SHIPMENT_REJECTED'));

  it('refuses to reject a dispatched shipment', () =>
    spec
      .given([...paid, released([s1]), picked(s1), dispatched(s1)])
      .when(cmd('RejectShipment', { shipmentId: 's1', reason: 'x' }))
      .thenRejects('ORDER_SHIPMENT_ALREADY_DISPATCHED'));

  it('refuses an unknown shipment', () =>
    spec
      .given([...paid, released([s1])])
      .when(cmd('RejectShipment', { shipmentId: 's9', reason: 'x' }))
      .thenRejects('ORDER_SHIPMENT_NOT_FOUND'));
});

describe('picking, dispatch and delivery', () => {
  it('records a pick, once', () => {
    spec
      .given([...paid, released([s1])])
      .when(cmd('ConfirmShipmentPicked', { shipmentId: 's1' }))
      .then([picked(s1)]);
    spec
      .given([...paid, released([s1]), picked(s1)])
      .when(cmd('ConfirmShipmentPicked', { shipmentId: 's1' }))
      .then([]);
  });

  it('records a dispatch with the value to capture, once', () => {
    spec
      .given([...paid, released([s1]), picked(s1)])
      .when(dispatch('s1'))
      .then([dispatched(s1)]);
    spec
      .given([...paid, released([s1]), picked(s1), dispatched(s1)])
      .when(dispatch('s1'))
      .then([]);
  });

  it('delivers the order with its last shipment', () =>
    spec
      .given([...paid, released([s1]), picked(s1), dispatched(s1)])
      .when(cmd('RecordShipmentDelivered', { shipmentId: 's1' }))
      .then([shipmentDelivered(s1), delivered]));

  it('waits for every shipment before delivering the order', () =>
    spec
      .given([
        ...paid,
        released([teeAtStore, mugAtStore]),
        dispatched(teeAtStore, 3000),
        dispatched(mugAtStore, 800),
      ])
      .when(cmd('RecordShipmentDelivered', { shipmentId: 's2' }))
      .then([shipmentDelivered(teeAtStore)]));

  it('decides nothing for a delivery reported twice', () =>
    spec
      .given([...paid, released([s1]), picked(s1), dispatched(s1), shipmentDelivered(s1), delivered])
      .when(cmd('RecordShipmentDelivered', { shipmentId: 's1' }))
      .then([]));

  it('refuses a delivery of a shipment never dispatched', () =>
    spec
      .given([...paid, released([s1])])
      .when(cmd('RecordShipmentDelivered', { shipmentId: 's1' }))
      .thenRejects('ORDER_SHIPMENT_NOT_DISPATCHED'));

  it('delivers the order when the last waiting lines turn out unfulfillable', () => {
    const events: OrderEvent[] = [
      ...paid,
      released([teeAtStore, mugAtStore]),
      rejected(mugAtStore),
      dispatched(teeAtStore, 3000),
      shipmentDelivered(teeAtStore),
    ];
    spec
      .given(events)
      .when(release([], ['l2']))
      .then([
        {
          type: 'OrderReleased',
          data: {
            orderId,
            shipments: [],
            unfulfillableLines: [
              { lineId: 'l2', sku: 'MUG-1', quantity: 1, reservationId: 'r2', amount: 800 },
            ],
            amountReleased: 800,
            total: 3000,
            currency: 'GBP',
            resourced: true,
            at: now,
          },
        },
        delivered,
      ]);
  });
});
