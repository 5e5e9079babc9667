import type { Command, DecidedEvent, PersistentMap } from '@omnistream/kernel';

/** Units of one SKU at one location. `reserved` is held for open reservations; `safety` is never promised. */
export interface LocationStock {
  readonly onHand: number;
  readonly reserved: number;
  readonly safety: number;
}

export interface Allocation {
  readonly locationId: string;
  readonly quantity: number;
}

export interface Reservation {
  readonly channel: string;
  readonly quantity: number;
  readonly allocations: readonly Allocation[];
  readonly expiresAt: string;
}

/** One SKU across every location: the consistency boundary that makes "never oversell" one stream's invariant. */
export interface StockItem {
  readonly locations: PersistentMap<LocationStock>;
  readonly reservations: PersistentMap<Reservation>;
}

export type StockItemCommand =
  | Command<'ReceiveStock', { sku: string; locationId: string; quantity: number; reference?: string }>
  | Command<'AdjustStock', { sku: string; locationId: string; delta: number; reason: string }>
  | Command<'CountStock', { sku: string; locationId: string; counted: number }>
  | Command<'SetSafetyStock', { sku: string; locationId: string; quantity: number }>
  | Command<
      'ReserveStock',
      {
        sku: string;
        reservationId: string;
        channel: string;
        quantity: number;
        /** Where it may be held, most preferred first (the channel's eligible locations, or one store). */
        locations: readonly string[];
        expiresAt: string;
      }
    >
  | Command<'ReleaseReservation', { sku: string; reservationId: string; reason: string }>
  | Command<'CommitReservation', { sku: string; reservationId: string; locationId?: string }>
  | Command<'ExpireReservations', { sku: string }>;

export type StockItemEvent =
  | DecidedEvent<
      'StockReceived',
      { sku: string; locationId: string; quantity: number; reference: string | null; at: string }
    >
  | DecidedEvent<
      'StockAdjusted',
      { sku: string; locationId: string; delta: number; reason: string; at: string }
    >
  | DecidedEvent<
      'StockCounted',
      { sku: string; locationId: string; counted: number; previous: number; difference: number; at: string }
    >
  | DecidedEvent<'SafetyStockSet', { sku: string; locationId: string; quantity: number; at: string }>
  | DecidedEvent<
      'StockReserved',
      {
        sku: string;
        reservationId: string;
        channel: string;
        quantity: number;
        allocations: readonly Allocation[];
        expiresAt: string;
        at: string;
      }
    >
  | DecidedEvent<
      'ReservationReleased',
      { sku: string; reservationId: string; allocations: readonly Allocation[]; reason: string; at: string }
    >
  | DecidedEvent<
      'ReservationExpired',
      { sku: string; reservationId: string; allocations: readonly Allocation[]; at: string }
    >
  | DecidedEvent<
      'ReservationCommitted',
      {
        sku: string;
        reservationId: string;
        /** The allocations picked now; the rest, if any, stay reserved. */
        allocations: readonly Allocation[];
        /** True when nothing of the reservation is left held. */
        complete: boolean;
        at: string;
      }
    >;
