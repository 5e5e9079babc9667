import { DomainError } from '@omnistream/kernel';
import { LOCATION_CAPABILITIES } from '../domain/location/location.js';
import { JsonReader } from '../domain/sourcing/json-reader.js';
import type { SourcingLocation } from '../domain/sourcing/sourcing-location.js';
import { DATA_SET_FORMAT } from './serialize-data-set.js';
import type { SourcingDataSet } from './sourcing-data-set.js';

const LOCATION_KEYS = [
  'id',
  'type',
  'lat',
  'lon',
  'priority',
  'dailyCapacity',
  'todayLoad',
  'capabilities',
  'open',
];
/** Enough to fix a file; a broken generator would otherwise print a million lines. */
const MAX_PROBLEMS = 20;

/** Reads network.json (see serializeDataSet); throws DomainError INVALID_NETWORK naming the wrong JSON paths. */
export const parseDataSet = (json: unknown): SourcingDataSet => {
  const read = new JsonReader();
  const root = read.object(json, '$', ['format', 'seed', 'skus', 'locations', 'stock']);
  if (root.format !== DATA_SET_FORMAT)
    read.problem(
      '$.format',
      `must be ${JSON.stringify(DATA_SET_FORMAT)}, got ${JSON.stringify(root.format)}`,
    );
  const seed = root.seed === null ? null : read.number(root, 'seed', '$', { integer: true });
  const skus = read.array(root, 'skus', '$', false).filter((sku, i): sku is string => {
    if (typeof sku !== 'string') read.problem(`$.skus[${i}]`, 'must be a string');
    return typeof sku === 'string';
  });
  const locations = read.array(root, 'locations', '$', true).map((value, i): SourcingLocation => {
    const path = `$.locations[${i}]`;
    const location = read.object(value, path, LOCATION_KEYS);
    return {
      id: read.string(location, 'id', path),
      type: read.oneOf(location, 'type', path, ['dc', 'store'] as const),
      lat: read.number(location, 'lat', path, { min: -90 }),
      lon: read.number(location, 'lon', path, { min: -180 }),
      priority: read.number(location, 'priority', path),
      dailyCapacity: read.number(location, 'dailyCapacity', path, { integer: true, min: 0 }),
      todayLoad: read.number(location, 'todayLoad', path, { integer: true, min: 0 }),
      capabilities: read.setOf(location, 'capabilities', path, LOCATION_CAPABILITIES),
      open: read.boolean(location, 'open', path),
    };
  });
  const ids = new Set(locations.map((location) => location.id));
  if (ids.size !== locations.length) read.problem('$.locations', 'location ids must be unique');
  const stock = new Map<string, Map<string, number>>();
  for (const [sku, holdersJson] of Object.entries(isRecord(root.stock) ? root.stock : {})) {
    if (read.problems.length >= MAX_PROBLEMS) break;
    const path = `$.stock[${JSON.stringify(sku)}]`;
    if (!isRecord(holdersJson)) {
      read.problem(path, 'must be an object of units by location id');
      continue;
    }
    const holders = new Map<string, number>();
    for (const [locationId, units] of Object.entries(holdersJson)) {
      const at = `${path}[${JSON.stringify(locationId)}]`;
      if (!ids.has(locationId)) read.problem(at, 'names no location of $.locations');
      else if (typeof units === 'number' && Number.isFinite(units) && units >= 0)
        holders.set(locationId, units);
      else read.problem(at, 'must be a number of units, 0 or more');
    }
    stock.set(sku, holders);
  }
  if (!isRecord(root.stock)) read.problem('$.stock', 'must be an object of stock by SKU');
  if (read.problems.length > 0)
    throw new DomainError(
      'INVALID_NETWORK',
      `invalid network: ${read.problems.slice(0, MAX_PROBLEMS).join('; ')}`,
    );
  return { seed, skus, locations, stock };
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
