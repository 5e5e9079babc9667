import type { Command, DecidedEvent, PersistentMap } from '@omnistream/kernel';
import type {
  ReservationCommitted,
  ReservationExpired,
  ReservationReallocated,
  ReservationReleased,
  SafetyStockSet,
  StockAdjusted,
  StockCounted,
  StockReceived,
  StockReserved,
} from '@omnistream/contracts/inventory';

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
  /** Moves a held reservation to other locations (where sourcing decided it ships from), all or nothing. */
  | Command<
      'ReallocateReservation',
      { sku: string; reservationId: string; allocations: readonly Allocation[] }
    >
  | Command<'ExpireReservations', { sku: string }>;

export type StockItemEvent =
  | DecidedEvent<'StockReceived', StockReceived>
  | DecidedEvent<'StockAdjusted', StockAdjusted>
  | DecidedEvent<'StockCounted', StockCounted>
  | DecidedEvent<'SafetyStockSet', SafetyStockSet>
  | DecidedEvent<'StockReserved', StockReserved>
  | DecidedEvent<'ReservationReleased', ReservationReleased>
  | DecidedEvent<'ReservationExpired', ReservationExpired>
  | DecidedEvent<'ReservationCommitted', ReservationCommitted>
  | DecidedEvent<'ReservationReallocated', ReservationReallocated>;
