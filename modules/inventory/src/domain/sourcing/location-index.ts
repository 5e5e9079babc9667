import { LOCATION_CAPABILITIES, type LocationCapability } from '../location/location.js';
import { cosLatitude } from './haversine-km.js';
import type { SourcingLocation } from './sourcing-location.js';

/** What a decision derives from the locations' profiles, by position in the array. */
export interface LocationIndex {
  /** Each id's position (the first, if an id repeats). */
  readonly positions: ReadonlyMap<string, number>;
  /** Bit k set: the location has LOCATION_CAPABILITIES[k]. */
  readonly capabilities: Uint8Array;
  readonly cosLat: Float64Array;
}

export const capabilityBit = (capability: LocationCapability): number =>
  1 << LOCATION_CAPABILITIES.indexOf(capability);

interface Entry {
  readonly members: readonly SourcingLocation[];
  readonly index: LocationIndex;
}

// A cache, not state: an entry serves only while the array holds the very same location objects in the same
// places (a pointer comparison each, microseconds for a thousand), and it keeps only what follows from a
// location's id, position and capabilities, which change by giving the location a new object (see
// SourcingNetwork). Load, capacity, priority and open are read fresh every time. It saves rebuilding a
// thousand-entry map and reading a thousand scattered capability arrays for every decision.
const cache = new WeakMap<readonly SourcingLocation[], Entry>();

export const locationIndex = (locations: readonly SourcingLocation[]): LocationIndex => {
  const cached = cache.get(locations);
  if (cached !== undefined && sameMembers(cached.members, locations)) return cached.index;
  const positions = new Map<string, number>();
  const capabilities = new Uint8Array(locations.length);
  const cosLat = new Float64Array(locations.length);
  locations.forEach((location, position) => {
    if (!positions.has(location.id)) positions.set(location.id, position);
    for (const capability of location.capabilities)
      capabilities[position] = (capabilities[position] as number) | capabilityBit(capability);
    cosLat[position] = cosLatitude(location);
  });
  const index = { positions, capabilities, cosLat };
  cache.set(locations, { members: [...locations], index });
  return index;
};

const sameMembers = (a: readonly SourcingLocation[], b: readonly SourcingLocation[]): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
};
