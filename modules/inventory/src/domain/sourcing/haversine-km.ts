import type { GeoPoint } from './sourcing-request.js';

/** IUGG mean Earth radius (Moritz, "Geodetic Reference System 1980", 2000). */
const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;
const RAD_HALF = RAD / 2;

/**
 * Great-circle distance by the haversine formula (R. W. Sinnott, "Virtues of the Haversine", Sky and Telescope
 * 68(2), 1984), which stays accurate for the short distances sourcing mostly compares. Spherical Earth: errors up
 * to 0.5 %, far below what separates two stores.
 */
export const haversineKm = (a: GeoPoint, b: GeoPoint): number =>
  haversineWithCosines(a, Math.cos(a.lat * RAD), b, Math.cos(b.lat * RAD));

/** The same, given the cosines of both latitudes: a decision computes each location's once and keeps it. */
export const haversineWithCosines = (a: GeoPoint, cosLatA: number, b: GeoPoint, cosLatB: number): number => {
  const sinLat = Math.sin((b.lat - a.lat) * RAD_HALF);
  const sinLon = Math.sin((b.lon - a.lon) * RAD_HALF);
  const h = sinLat * sinLat + cosLatA * cosLatB * sinLon * sinLon;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
};

export const cosLatitude = (point: GeoPoint): number => Math.cos(point.lat * RAD);
