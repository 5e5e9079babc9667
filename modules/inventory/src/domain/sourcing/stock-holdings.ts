import type { LocationIndex } from './location-index.js';
import type { OrderItem } from './order-items.js';
import type { SourcingNetwork } from './sourcing-network.js';

/** A SKU's holders in the order its stock map lists them, with their positions among the locations. */
interface HolderPositions {
  readonly index: LocationIndex;
  readonly ids: readonly string[];
  readonly positions: Int32Array;
}

// A cache, not state: every use compares each holder's id with the one remembered at that place (a pointer
// comparison while the map keeps its keys), so a changed map only costs a lookup, never a wrong answer. It turns
// a thousand hash lookups per popular SKU into a walk along an array.
const holderCache = new WeakMap<ReadonlyMap<string, number>, HolderPositions>();

/**
 * What each location holds of the order, by position in `network.locations`: bit masks of the items it holds in
 * full and in part, and its units per item (location-major, `n` per location, capped at what the item needs).
 * Walks each SKU's holders rather than asking every location, so long-tail SKUs cost almost nothing.
 */
export const stockHoldings = (
  items: readonly OrderItem[],
  network: SourcingNetwork,
  index: LocationIndex,
) => {
  const count = network.locations.length;
  const n = items.length;
  const full = new Int32Array(count);
  const partial = new Int32Array(count);
  const units = new Float64Array(count * n);
  items.forEach((item, i) => {
    const stock = network.stockOf(item.sku);
    if (stock === undefined) return;
    const bit = 1 << i;
    const cached = holderCache.get(stock);
    const known =
      cached !== undefined && cached.index === index && cached.ids.length === stock.size ? cached : undefined;
    let stale = known === undefined;
    let k = 0;
    // forEach, not for-of: no [key, value] pair per holder on a path that sees a thousand of them.
    stock.forEach((have, locationId) => {
      let position: number | undefined;
      if (known !== undefined && known.ids[k] === locationId) position = known.positions[k];
      else {
        stale = true;
        position = index.positions.get(locationId);
      }
      k += 1;
      const whole = Math.floor(have);
      if (position === undefined || position < 0 || whole <= 0) return;
      if (whole >= item.quantity) full[position] = (full[position] as number) | bit;
      else partial[position] = (partial[position] as number) | bit;
      units[position * n + i] = Math.min(whole, item.quantity);
    });
    if (stale) {
      const ids = [...stock.keys()];
      holderCache.set(stock, {
        index,
        ids,
        positions: Int32Array.from(ids, (id) => index.positions.get(id) ?? -1),
      });
    }
  });
  return { full, partial, units };
};
