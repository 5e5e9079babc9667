import { DomainError, PersistentMap, type Decider } from '@omnistream/kernel';
import { allocate, availableToPromise, promisable } from './allocate.js';
import type {
  Allocation,
  LocationStock,
  Reservation,
  StockItem,
  StockItemCommand,
  StockItemEvent,
} from './stock-item-messages.js';

const EMPTY: LocationStock = { onHand: 0, reserved: 0, safety: 0 };

const at = (state: StockItem, locationId: string): LocationStock => state.locations.get(locationId) ?? EMPTY;

const units = (name: string, value: number, { min }: { min: number }) => {
  if (!Number.isSafeInteger(value) || value < min)
    throw new DomainError(
      'INVALID_QUANTITY',
      `${name} must be a whole number of at least ${min}, got ${value}`,
    );
};

/**
 * Stock of one SKU at every location (stream `stock-<sku>`). Reservations hold units at named locations until
 * they are committed on pick, released (a compensation: idempotent) or expired; nothing is promised beyond on
 * hand minus reserved minus safety stock, so the stream's expected version is the whole "no oversell" proof.
 */
export const stockItem: Decider<StockItem, StockItemCommand, StockItemEvent> = {
  initialState: () => ({ locations: PersistentMap.empty(), reservations: PersistentMap.empty() }),

  decide: (command, state) => {
    const now = command.metadata.now;
    const { data } = command;
    switch (command.type) {
      case 'ReceiveStock':
        units('quantity', command.data.quantity, { min: 1 });
        return [
          {
            type: 'StockReceived',
            data: { ...command.data, reference: command.data.reference ?? null, at: now },
          },
        ];
      case 'AdjustStock': {
        const { delta } = command.data;
        if (!Number.isSafeInteger(delta) || delta === 0)
          throw new DomainError('INVALID_QUANTITY', `delta must be a non-zero whole number, got ${delta}`);
        const onHand = at(state, command.data.locationId).onHand;
        if (onHand + delta < 0)
          throw new DomainError(
            'NEGATIVE_STOCK',
            `cannot take ${-delta} from ${onHand} on hand of ${data.sku} at ${command.data.locationId}`,
            { onHand },
          );
        return [{ type: 'StockAdjusted', data: { ...command.data, at: now } }];
      }
      case 'CountStock': {
        units('counted', command.data.counted, { min: 0 });
        const previous = at(state, command.data.locationId).onHand;
        if (previous === command.data.counted && state.locations.has(command.data.locationId)) return [];
        const difference = command.data.counted - previous;
        return [{ type: 'StockCounted', data: { ...command.data, previous, difference, at: now } }];
      }
      case 'SetSafetyStock':
        units('quantity', command.data.quantity, { min: 0 });
        if (at(state, command.data.locationId).safety === command.data.quantity) return [];
        return [{ type: 'SafetyStockSet', data: { ...command.data, at: now } }];
      case 'ReserveStock': {
        const { reservationId, quantity, locations, expiresAt } = command.data;
        units('quantity', quantity, { min: 1 });
        const open = state.reservations.get(reservationId);
        if (open !== undefined) {
          if (open.quantity === quantity) return []; // a retry of a reservation that is held: nothing new
          throw new DomainError(
            'RESERVATION_CONFLICT',
            `reservation ${reservationId} already holds ${open.quantity} of ${data.sku}, not ${quantity}`,
          );
        }
        if (!(expiresAt > now))
          throw new DomainError(
            'INVALID_EXPIRY',
            `a reservation must expire after now (${now}), got ${expiresAt}`,
          );
        const allocations = allocate(quantity, locations, (id) => at(state, id));
        if (allocations === undefined)
          throw new DomainError(
            'INSUFFICIENT_STOCK',
            `only ${availableToPromise(locations, (id) => at(state, id))} of ${data.sku} can be promised ` +
              `at the eligible locations, ${quantity} asked`,
            {
              sku: data.sku,
              available: availableToPromise(locations, (id) => at(state, id)),
              requested: quantity,
            },
          );
        const { sku, channel } = command.data;
        return [
          {
            type: 'StockReserved',
            data: { sku, reservationId, channel, quantity, allocations, expiresAt, at: now },
          },
        ];
      }
      case 'ReleaseReservation': {
        const open = state.reservations.get(command.data.reservationId);
        if (open === undefined) return []; // released, committed or expired already: a compensation may run twice
        return [
          { type: 'ReservationReleased', data: { ...command.data, allocations: open.allocations, at: now } },
        ];
      }
      case 'CommitReservation': {
        const { reservationId, locationId } = command.data;
        const open = state.reservations.get(reservationId);
        if (open === undefined) return [];
        const allocations =
          locationId === undefined
            ? open.allocations
            : open.allocations.filter((a) => a.locationId === locationId);
        if (allocations.length === 0)
          throw new DomainError(
            'RESERVATION_NOT_AT_LOCATION',
            `reservation ${reservationId} holds nothing at ${locationId ?? ''}`,
          );
        return [
          {
            type: 'ReservationCommitted',
            data: {
              sku: data.sku,
              reservationId,
              allocations,
              complete: allocations.length === open.allocations.length,
              at: now,
            },
          },
        ];
      }
      case 'ReallocateReservation': {
        const { reservationId, allocations } = command.data;
        const open = state.reservations.get(reservationId);
        if (open === undefined)
          throw new DomainError(
            'RESERVATION_NOT_FOUND',
            `no open reservation ${reservationId} of ${data.sku}`,
          );
        const target = new Map<string, number>();
        for (const a of allocations) {
          units('quantity', a.quantity, { min: 1 });
          target.set(a.locationId, (target.get(a.locationId) ?? 0) + a.quantity);
        }
        const total = [...target.values()].reduce((sum, q) => sum + q, 0);
        if (total !== open.quantity)
          throw new DomainError(
            'INVALID_ALLOCATIONS',
            `reservation ${reservationId} holds ${open.quantity} of ${data.sku}; the new allocations add up to ${total}`,
          );
        const own = new Map(open.allocations.map((a) => [a.locationId, a.quantity]));
        const same =
          own.size === target.size && [...target].every(([locationId, q]) => own.get(locationId) === q);
        if (same) return []; // already where it was asked to be: a retry
        for (const [locationId, quantity] of target) {
          const extra = quantity - (own.get(locationId) ?? 0);
          const free = promisable(at(state, locationId));
          if (extra > free)
            throw new DomainError(
              'INSUFFICIENT_STOCK',
              `${locationId} can promise ${free} more of ${data.sku}; moving reservation ${reservationId} there needs ${extra}`,
              { sku: data.sku, locationId, available: free, requested: extra },
            );
        }
        return [
          {
            type: 'ReservationReallocated',
            data: {
              sku: data.sku,
              reservationId,
              from: open.allocations,
              to: [...target].map(([locationId, quantity]) => ({ locationId, quantity })),
              at: now,
            },
          },
        ];
      }
      case 'ExpireReservations':
        return [...state.reservations.entries()]
          .filter(([, reservation]) => reservation.expiresAt <= now)
          .map(([reservationId, reservation]) => ({
            type: 'ReservationExpired' as const,
            data: { sku: data.sku, reservationId, allocations: reservation.allocations, at: now },
          }));
    }
  },

  evolve: (state, event) => {
    switch (event.type) {
      case 'StockReceived':
        return move(state, event.data.locationId, { onHand: event.data.quantity });
      case 'StockAdjusted':
        return move(state, event.data.locationId, { onHand: event.data.delta });
      case 'StockCounted':
        return move(state, event.data.locationId, { onHand: event.data.difference });
      case 'SafetyStockSet': {
        const current = at(state, event.data.locationId);
        return {
          ...state,
          locations: state.locations.set(event.data.locationId, { ...current, safety: event.data.quantity }),
        };
      }
      case 'StockReserved': {
        const { reservationId, channel, quantity, allocations, expiresAt } = event.data;
        const held: Reservation = { channel, quantity, allocations, expiresAt };
        return holdEach(
          { ...state, reservations: state.reservations.set(reservationId, held) },
          allocations,
          1,
          0,
        );
      }
      case 'ReservationReleased':
      case 'ReservationExpired':
        return holdEach(closed(state, event.data.reservationId), event.data.allocations, -1, 0);
      case 'ReservationReallocated': {
        const open = state.reservations.get(event.data.reservationId);
        if (open === undefined) return state;
        const moved = {
          ...state,
          reservations: state.reservations.set(event.data.reservationId, {
            ...open,
            allocations: event.data.to,
          }),
        };
        return holdEach(holdEach(moved, event.data.from, -1, 0), event.data.to, 1, 0);
      }
      case 'ReservationCommitted': {
        const open = state.reservations.get(event.data.reservationId);
        const picked = new Set(event.data.allocations.map((a) => a.locationId));
        const left = open?.allocations.filter((a) => !picked.has(a.locationId)) ?? [];
        const next =
          open === undefined || left.length === 0
            ? closed(state, event.data.reservationId)
            : {
                ...state,
                reservations: state.reservations.set(event.data.reservationId, {
                  ...open,
                  quantity: left.reduce((sum, a) => sum + a.quantity, 0),
                  allocations: left,
                }),
              };
        return holdEach(next, event.data.allocations, -1, -1);
      }
    }
  },
};

const closed = (state: StockItem, reservationId: string): StockItem => ({
  ...state,
  reservations: state.reservations.delete(reservationId),
});

const move = (
  state: StockItem,
  locationId: string,
  by: { onHand?: number; reserved?: number },
): StockItem => {
  const current = at(state, locationId);
  return {
    ...state,
    locations: state.locations.set(locationId, {
      ...current,
      onHand: current.onHand + (by.onHand ?? 0),
      reserved: current.reserved + (by.reserved ?? 0),
    }),
  };
};

/** Adds `sign` times each allocation to reserved and `onHandSign` times it to on hand. */
const holdEach = (state: StockItem, allocations: readonly Allocation[], sign: number, onHandSign: number) =>
  allocations.reduce(
    (next, a) => move(next, a.locationId, { reserved: sign * a.quantity, onHand: onHandSign * a.quantity }),
    state,
  );
