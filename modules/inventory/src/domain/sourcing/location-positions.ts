import type { SourcingLocation } from './sourcing-location.js';

interface Entry {
  readonly members: readonly SourcingLocation[];
  readonly positions: ReadonlyMap<string, number>;
}

// A cache, not state: an entry is used only while the array still holds the very same location objects in the
// same places (a pointer comparison each, microseconds for a thousand), so answers always follow the array's
// current contents and decisions stay pure. It saves building a thousand-entry map for every decision.
const cache = new WeakMap<readonly SourcingLocation[], Entry>();

/** Each location id's position in `locations` (the first, if an id repeats). */
export const locationPositions = (locations: readonly SourcingLocation[]): ReadonlyMap<string, number> => {
  const cached = cache.get(locations);
  if (cached !== undefined && sameMembers(cached.members, locations)) return cached.positions;
  const positions = new Map<string, number>();
  locations.forEach((location, position) => {
    if (!positions.has(location.id)) positions.set(location.id, position);
  });
  cache.set(locations, { members: [...locations], positions });
  return positions;
};

const sameMembers = (a: readonly SourcingLocation[], b: readonly SourcingLocation[]): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
};
