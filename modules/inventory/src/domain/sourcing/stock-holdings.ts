import { locationPositions } from './location-positions.js';
import type { OrderItem } from './order-items.js';
import type { SourcingNetwork } from './sourcing-network.js';

/**
 * What each location holds of the order, by position in `network.locations`: bit masks of the items it holds in
 * full and in part, and its units per item (location-major, `n` per location, capped at what the item needs).
 * Walks each SKU's holders rather than asking every location, so long-tail SKUs cost almost nothing.
 */
export const stockHoldings = (items: readonly OrderItem[], network: SourcingNetwork) => {
  const count = network.locations.length;
  const n = items.length;
  const positions = locationPositions(network.locations);
  const full = new Int32Array(count);
  const partial = new Int32Array(count);
  const units = new Float64Array(count * n);
  items.forEach((item, i) => {
    const stock = network.stockOf(item.sku);
    if (stock === undefined) return;
    const bit = 1 << i;
    // forEach, not for-of: no [key, value] pair per holder on a path that sees a thousand of them.
    stock.forEach((have, locationId) => {
      const whole = Math.floor(have);
      const position = whole > 0 ? positions.get(locationId) : undefined;
      if (position === undefined) return;
      if (whole >= item.quantity) full[position] = (full[position] as number) | bit;
      else partial[position] = (partial[position] as number) | bit;
      units[position * n + i] = Math.min(whole, item.quantity);
    });
  });
  return { full, partial, units };
};
