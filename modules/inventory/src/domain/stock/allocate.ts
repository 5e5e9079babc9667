import type { Allocation, LocationStock } from './stock-item-messages.js';

/** What a location can still promise: on hand, less what is reserved and its safety stock, never below zero. */
export const promisable = (stock: LocationStock): number =>
  Math.max(0, stock.onHand - stock.reserved - stock.safety);

export const availableToPromise = (
  locations: readonly string[],
  stockAt: (locationId: string) => LocationStock,
): number => locations.reduce((sum, id) => sum + promisable(stockAt(id)), 0);

/**
 * Holds `quantity` at the given locations in their order of preference, taking all it can from each before the
 * next (fewest locations, so fewest shipments later); undefined when they cannot promise that much together.
 */
export const allocate = (
  quantity: number,
  locations: readonly string[],
  stockAt: (locationId: string) => LocationStock,
): Allocation[] | undefined => {
  const allocations: Allocation[] = [];
  let left = quantity;
  for (const locationId of new Set(locations)) {
    if (left === 0) break;
    const take = Math.min(left, promisable(stockAt(locationId)));
    if (take > 0) allocations.push({ locationId, quantity: take });
    left -= take;
  }
  return left === 0 ? allocations : undefined;
};
