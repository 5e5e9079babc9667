import type { StockItemEvent } from '../domain/stock/stock-item-messages.js';

export interface LevelDelta {
  sku: string;
  location_id: string;
  on_hand: number;
  reserved: number;
  /** The new safety stock when the batch set one; null leaves it as it is. */
  safety: number | null;
}

export interface ReservationRow {
  reservation_id: string;
  sku: string;
  channel?: string;
  quantity?: number;
  allocations?: unknown;
  expires_at?: string;
  status: 'open' | 'released' | 'expired' | 'committed';
  updated_at: string;
}

/**
 * Folds a batch of stock events into one net change per (SKU, location), the last version per SKU and the last
 * state per reservation, so the projection writes each row once per append.
 */
export const stockDeltas = (events: readonly (StockItemEvent & { version: number; streamId: string })[]) => {
  const levels = new Map<string, LevelDelta>();
  const versions = new Map<string, number>();
  const reservations = new Map<string, ReservationRow>();
  const level = (sku: string, locationId: string): LevelDelta => {
    const key = `${sku}\u0000${locationId}`;
    let found = levels.get(key);
    if (found === undefined) {
      found = { sku, location_id: locationId, on_hand: 0, reserved: 0, safety: null };
      levels.set(key, found);
    }
    return found;
  };
  for (const event of events) {
    const { sku } = event.data;
    versions.set(sku, Math.max(versions.get(sku) ?? 0, event.version));
    switch (event.type) {
      case 'StockReceived':
        level(sku, event.data.locationId).on_hand += event.data.quantity;
        break;
      case 'StockAdjusted':
        level(sku, event.data.locationId).on_hand += event.data.delta;
        break;
      case 'StockCounted':
        level(sku, event.data.locationId).on_hand += event.data.difference;
        break;
      case 'SafetyStockSet':
        level(sku, event.data.locationId).safety = event.data.quantity;
        break;
      case 'StockReserved': {
        for (const a of event.data.allocations) level(sku, a.locationId).reserved += a.quantity;
        const { reservationId, channel, quantity, allocations, expiresAt, at } = event.data;
        reservations.set(reservationId, {
          reservation_id: reservationId,
          sku,
          channel,
          quantity,
          allocations,
          expires_at: expiresAt,
          status: 'open',
          updated_at: at,
        });
        break;
      }
      case 'ReservationReallocated': {
        for (const a of event.data.from) level(sku, a.locationId).reserved -= a.quantity;
        for (const a of event.data.to) level(sku, a.locationId).reserved += a.quantity;
        const previous = reservations.get(event.data.reservationId);
        reservations.set(event.data.reservationId, {
          ...previous,
          reservation_id: event.data.reservationId,
          sku,
          quantity: event.data.to.reduce((sum, a) => sum + a.quantity, 0),
          allocations: event.data.to,
          status: 'open',
          updated_at: event.data.at,
        });
        break;
      }
      case 'ReservationReleased':
      case 'ReservationExpired':
      case 'ReservationCommitted': {
        const committed = event.type === 'ReservationCommitted';
        for (const a of event.data.allocations) {
          const row = level(sku, a.locationId);
          row.reserved -= a.quantity;
          if (committed) row.on_hand -= a.quantity;
        }
        const previous = reservations.get(event.data.reservationId);
        const status =
          event.type === 'ReservationReleased' ? 'released' : committed ? 'committed' : 'expired';
        reservations.set(event.data.reservationId, {
          ...previous,
          reservation_id: event.data.reservationId,
          sku,
          status,
          updated_at: event.data.at,
        });
        break;
      }
    }
  }
  return {
    levels: [...levels.values()],
    versions: [...versions].map(([sku, version]) => ({ sku, version })),
    reservations: [...reservations.values()],
  };
};
