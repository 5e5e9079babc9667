import { describe, it } from 'vitest';
import { decideSpec, type CommandMetadata } from '@omnistream/kernel';
import { stockItem } from './stock-item.js';
import type { StockItemCommand, StockItemEvent } from './stock-item-messages.js';

const now = '2026-11-27T09:00:00.000Z';
const later = '2026-11-27T09:15:00.000Z';
const metadata: CommandMetadata = { now };
const spec = decideSpec(stockItem);

const received = (locationId: string, quantity: number): StockItemEvent => ({
  type: 'StockReceived',
  data: { sku: 'SKU-1', locationId, quantity, reference: null, at: now },
});
const reserved = (
  reservationId: string,
  allocations: { locationId: string; quantity: number }[],
): StockItemEvent => ({
  type: 'StockReserved',
  data: {
    sku: 'SKU-1',
    reservationId,
    channel: 'web-gb',
    quantity: allocations.reduce((sum, a) => sum + a.quantity, 0),
    allocations,
    expiresAt: later,
    at: now,
  },
});
const reserve = (
  reservationId: string,
  quantity: number,
  locations = ['dc', 'store-1'],
): StockItemCommand => ({
  type: 'ReserveStock',
  data: { sku: 'SKU-1', reservationId, channel: 'web-gb', quantity, locations, expiresAt: later },
  metadata,
});
const command = <C extends StockItemCommand>(type: C['type'], data: C['data'], at = now) =>
  ({ type, data, metadata: { now: at } }) as C;

describe('a stock item', () => {
  it('reserves from the most preferred location first, then the next', () =>
    spec
      .given([received('dc', 3), received('store-1', 5)])
      .when(reserve('r1', 4))
      .then([
        reserved('r1', [
          { locationId: 'dc', quantity: 3 },
          { locationId: 'store-1', quantity: 1 },
        ]),
      ]));

  it('refuses to oversell', () =>
    spec
      .given([received('dc', 5), reserved('r1', [{ locationId: 'dc', quantity: 4 }])])
      .when(reserve('r2', 2, ['dc']))
      .thenRejects('INSUFFICIENT_STOCK'));

  it('never promises safety stock', () =>
    spec
      .given([
        received('store-1', 5),
        { type: 'SafetyStockSet', data: { sku: 'SKU-1', locationId: 'store-1', quantity: 2, at: now } },
      ])
      .when(reserve('r1', 4, ['store-1']))
      .thenRejects('INSUFFICIENT_STOCK'));

  it('treats a retried reservation as already held', () =>
    spec
      .given([received('dc', 5), reserved('r1', [{ locationId: 'dc', quantity: 2 }])])
      .when(reserve('r1', 2))
      .then([]));

  it('refuses the same reservation id for another quantity', () =>
    spec
      .given([received('dc', 5), reserved('r1', [{ locationId: 'dc', quantity: 2 }])])
      .when(reserve('r1', 3))
      .thenRejects('RESERVATION_CONFLICT'));

  it('releases a reservation once, and a second release is a no-op', () => {
    const release = command('ReleaseReservation', {
      sku: 'SKU-1',
      reservationId: 'r1',
      reason: 'payment declined',
    });
    const allocations = [{ locationId: 'dc', quantity: 2 }];
    const releasedEvent: StockItemEvent = {
      type: 'ReservationReleased',
      data: { sku: 'SKU-1', reservationId: 'r1', allocations, reason: 'payment declined', at: now },
    };
    spec
      .given([received('dc', 5), reserved('r1', allocations)])
      .when(release)
      .then([releasedEvent]);
    spec
      .given([received('dc', 5), reserved('r1', allocations), releasedEvent])
      .when(release)
      .then([]);
  });

  it('frees released units for the next reservation', () =>
    spec
      .given([
        received('dc', 2),
        reserved('r1', [{ locationId: 'dc', quantity: 2 }]),
        {
          type: 'ReservationReleased',
          data: {
            sku: 'SKU-1',
            reservationId: 'r1',
            allocations: [{ locationId: 'dc', quantity: 2 }],
            reason: 'x',
            at: now,
          },
        },
      ])
      .when(reserve('r2', 2, ['dc']))
      .then([reserved('r2', [{ locationId: 'dc', quantity: 2 }])]));

  it('commits on pick only the allocation at the picking location', () =>
    spec
      .given([
        received('dc', 1),
        received('store-1', 1),
        reserved('r1', [
          { locationId: 'dc', quantity: 1 },
          { locationId: 'store-1', quantity: 1 },
        ]),
      ])
      .when(command('CommitReservation', { sku: 'SKU-1', reservationId: 'r1', locationId: 'store-1' }))
      .then([
        {
          type: 'ReservationCommitted',
          data: {
            sku: 'SKU-1',
            reservationId: 'r1',
            allocations: [{ locationId: 'store-1', quantity: 1 }],
            complete: false,
            at: now,
          },
        },
      ]));

  it('expires the reservations past their expiry and keeps the others', () =>
    spec
      .given([received('dc', 5), reserved('r1', [{ locationId: 'dc', quantity: 1 }])])
      .when(command('ExpireReservations', { sku: 'SKU-1' }, later))
      .then([
        {
          type: 'ReservationExpired',
          data: {
            sku: 'SKU-1',
            reservationId: 'r1',
            allocations: [{ locationId: 'dc', quantity: 1 }],
            at: later,
          },
        },
      ]));

  it('refuses an adjustment below zero on hand', () =>
    spec
      .given([received('dc', 1)])
      .when(command('AdjustStock', { sku: 'SKU-1', locationId: 'dc', delta: -2, reason: 'damaged' }))
      .thenRejects('NEGATIVE_STOCK'));

  it('records a count as the difference from what it thought was on hand', () =>
    spec
      .given([received('dc', 7)])
      .when(command('CountStock', { sku: 'SKU-1', locationId: 'dc', counted: 5 }))
      .then([
        {
          type: 'StockCounted',
          data: { sku: 'SKU-1', locationId: 'dc', counted: 5, previous: 7, difference: -2, at: now },
        },
      ]));

  it('refuses quantities that are not whole positive numbers', () =>
    spec
      .given([received('dc', 7)])
      .when(reserve('r1', 1.5))
      .thenRejects('INVALID_QUANTITY'));

  describe('moving a reservation to where sourcing decided it ships from', () => {
    const reallocate = (allocations: { locationId: string; quantity: number }[]) =>
      command('ReallocateReservation', { sku: 'SKU-1', reservationId: 'r1', allocations });
    const held = [
      received('dc', 2),
      received('store-1', 3),
      reserved('r1', [{ locationId: 'dc', quantity: 2 }]),
    ];

    it('moves the units, freeing the old location', () =>
      spec
        .given(held)
        .when(reallocate([{ locationId: 'store-1', quantity: 2 }]))
        .then([
          {
            type: 'ReservationReallocated',
            data: {
              sku: 'SKU-1',
              reservationId: 'r1',
              from: [{ locationId: 'dc', quantity: 2 }],
              to: [{ locationId: 'store-1', quantity: 2 }],
              at: now,
            },
          },
        ]));

    it('does nothing when the reservation is already there (a retry)', () =>
      spec
        .given(held)
        .when(reallocate([{ locationId: 'dc', quantity: 2 }]))
        .then([]));

    it('counts the reservation own units when it grows at a location it already holds', () =>
      spec
        .given([
          received('dc', 2),
          reserved('r1', [
            { locationId: 'dc', quantity: 1 },
            { locationId: 'store-1', quantity: 1 },
          ]),
        ])
        .when(reallocate([{ locationId: 'dc', quantity: 2 }]))
        .then([
          {
            type: 'ReservationReallocated',
            data: {
              sku: 'SKU-1',
              reservationId: 'r1',
              from: [
                { locationId: 'dc', quantity: 1 },
                { locationId: 'store-1', quantity: 1 },
              ],
              to: [{ locationId: 'dc', quantity: 2 }],
              at: now,
            },
          },
        ]));

    it('refuses a location that cannot promise the units', () =>
      spec
        .given(held)
        .when(reallocate([{ locationId: 'store-2', quantity: 2 }]))
        .thenRejects('INSUFFICIENT_STOCK'));

    it('refuses allocations that do not add up to what is held', () =>
      spec
        .given(held)
        .when(reallocate([{ locationId: 'store-1', quantity: 1 }]))
        .thenRejects('INVALID_ALLOCATIONS'));

    it('refuses a reservation that is not open', () =>
      spec
        .given([received('dc', 2)])
        .when(reallocate([{ locationId: 'dc', quantity: 1 }]))
        .thenRejects('RESERVATION_NOT_FOUND'));
  });
});
