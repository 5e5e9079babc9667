/**
 * Data of the public stock events (stream `stock-<sku>`, Kafka topic `inventory.stock`), written by hand to match
 * the JSON Schemas beside this file. Wire format: change only together with a compatible schema edit. Times are
 * ISO 8601 UTC.
 */

/** Units of a SKU at one location. */
export interface StockAllocation {
  readonly locationId: string;
  readonly quantity: number;
}

export interface StockReceived {
  readonly sku: string;
  readonly locationId: string;
  readonly quantity: number;
  readonly reference: string | null;
  readonly at: string;
}

export interface StockAdjusted {
  readonly sku: string;
  readonly locationId: string;
  /** Never 0. */
  readonly delta: number;
  readonly reason: string;
  readonly at: string;
}

export interface StockCounted {
  readonly sku: string;
  readonly locationId: string;
  readonly counted: number;
  readonly previous: number;
  readonly difference: number;
  readonly at: string;
}

export interface SafetyStockSet {
  readonly sku: string;
  readonly locationId: string;
  readonly quantity: number;
  readonly at: string;
}

/** Units held for a reservation (an order line, usually), per location, until `expiresAt`. */
export interface StockReserved {
  readonly sku: string;
  readonly reservationId: string;
  readonly channel: string;
  readonly quantity: number;
  readonly allocations: readonly StockAllocation[];
  readonly expiresAt: string;
  readonly at: string;
}

export interface ReservationReleased {
  readonly sku: string;
  readonly reservationId: string;
  readonly allocations: readonly StockAllocation[];
  readonly reason: string;
  readonly at: string;
}

export interface ReservationExpired {
  readonly sku: string;
  readonly reservationId: string;
  readonly allocations: readonly StockAllocation[];
  readonly at: string;
}

/** Reserved units picked: they leave on-hand stock. */
export interface ReservationCommitted {
  readonly sku: string;
  readonly reservationId: string;
  /** The allocations picked now; the rest, if any, stay reserved. */
  readonly allocations: readonly StockAllocation[];
  /** True when nothing of the reservation is left held. */
  readonly complete: boolean;
  readonly at: string;
}

/** A held reservation moved to other locations (where sourcing decided the order ships from). */
export interface ReservationReallocated {
  readonly sku: string;
  readonly reservationId: string;
  readonly from: readonly StockAllocation[];
  readonly to: readonly StockAllocation[];
  readonly at: string;
}

export type StockEventType =
  | 'StockReceived'
  | 'StockAdjusted'
  | 'StockCounted'
  | 'SafetyStockSet'
  | 'StockReserved'
  | 'ReservationReleased'
  | 'ReservationExpired'
  | 'ReservationCommitted'
  | 'ReservationReallocated';
