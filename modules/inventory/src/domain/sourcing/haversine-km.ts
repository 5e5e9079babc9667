import type { GeoPoint } from './sourcing-request.js';

/** IUGG mean Earth radius (Moritz, "Geodetic Reference System 1980", 2000). */
const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/**
 * Great-circle distance by the haversine formula (R. W. Sinnott, "Virtues of the Haversine", Sky and Telescope
 * 68(2), 1984), which stays accurate for the short distances sourcing mostly compares. Spherical Earth: errors up
 * to 0.5 %, far below what separates two stores.
 */
export const haversineKm = (a: GeoPoint, b: GeoPoint): number => {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
};
