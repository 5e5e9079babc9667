import type { LocationProfile } from '../domain/location/location.js';
import { haversineKm } from '../domain/sourcing/haversine-km.js';
import type { GeoPoint } from '../domain/sourcing/sourcing-request.js';

export interface LocationNear {
  readonly profile: LocationProfile;
  readonly distanceKm: number;
}

/** The locations within `radiusKm` of a delivery point (all when null), nearest first, ids breaking ties. */
export const locationsNear = (
  locations: readonly LocationProfile[],
  point: GeoPoint,
  radiusKm: number | null,
): LocationNear[] => {
  const near: LocationNear[] = [];
  for (const profile of locations) {
    const distanceKm = haversineKm(point, profile);
    if (radiusKm === null || distanceKm <= radiusKm)
      near.push({ profile, distanceKm: Math.round(distanceKm * 10) / 10 });
  }
  return near.sort(
    (a, b) =>
      a.distanceKm - b.distanceKm ||
      (a.profile.locationId < b.profile.locationId
        ? -1
        : a.profile.locationId > b.profile.locationId
          ? 1
          : 0),
  );
};
