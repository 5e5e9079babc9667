import type { LocationCapability } from '../location/location.js';
import { parseRuleSet } from './parse-rule-set.js';
import type { RuleSet } from './rule-set.js';
import type { SourcingLocation } from './sourcing-location.js';
import type { SourcingNetwork } from './sourcing-network.js';
import type { Fulfilment, GeoPoint, SourcingRequest } from './sourcing-request.js';

/** Central London; the fixtures place locations north of it, 0.01 degree of latitude being 1.11 km. */
export const home: GeoPoint = { lat: 51.5, lon: -0.1 };

// Along a meridian the haversine distance is exactly R · Δlat, with the same mean radius.
export const kmNorth = (km: number): GeoPoint => ({
  lat: home.lat + km / ((6371.0088 * Math.PI) / 180),
  lon: home.lon,
});

export const ruleSetJson = {
  id: 'test-rules',
  version: 3,
  description: 'fixture',
  weights: { distance: 1, priority: 0, rotation: 0 },
  splitPenalty: 20,
  maxShipments: 3,
  maxDistanceKm: null,
  capacity: { mode: 'hard', overloadPenalty: 0 },
  fulfilment: {
    ship_to_home: { locationTypes: ['dc', 'store'] },
    ship_from_store: { locationTypes: ['store'] },
    collect_in_store: { allowTransfer: false, transferFrom: ['dc', 'store'] },
  },
};

type RuleSetChanges = { [K in keyof typeof ruleSetJson]?: unknown };
export const rules = (changes: RuleSetChanges = {}): RuleSet => parseRuleSet({ ...ruleSetJson, ...changes });

const STORE_CAPABILITIES: readonly LocationCapability[] = ['pick_up', 'ship_from_store', 'transfer'];

/** A location with its stock, for building a network by hand. */
export type StockedLocation = SourcingLocation & { readonly stock: Readonly<Record<string, number>> };

export const networkOf = (locations: readonly StockedLocation[]): SourcingNetwork => {
  const bySku = new Map<string, Map<string, number>>();
  for (const location of locations)
    for (const [sku, units] of Object.entries(location.stock)) {
      const holders = bySku.get(sku) ?? new Map<string, number>();
      bySku.set(sku, holders.set(location.id, units));
    }
  return { locations, stockOf: (sku) => bySku.get(sku) };
};

export const store = (
  id: string,
  km: number,
  stock: Record<string, number>,
  changes: Partial<Omit<SourcingLocation, 'id'>> = {},
): StockedLocation => ({
  id,
  type: 'store',
  ...kmNorth(km),
  priority: 1,
  dailyCapacity: 100,
  todayLoad: 0,
  capabilities: STORE_CAPABILITIES,
  open: true,
  ...changes,
  stock,
});

export const dc = (id: string, km: number, stock: Record<string, number>): StockedLocation =>
  store(id, km, stock, { type: 'dc', capabilities: ['ship', 'transfer'], dailyCapacity: 10_000 });

export const order = (
  skus: readonly (string | readonly [string, number])[],
  fulfilment: Fulfilment = { type: 'ship_to_home', deliveryPoint: home },
  orderId = 'order-1',
): SourcingRequest => ({
  orderId,
  lines: skus.map((entry, index) => {
    const [sku, quantity] = typeof entry === 'string' ? [entry, 1] : entry;
    return { lineId: `l${index + 1}`, sku, quantity };
  }),
  fulfilment,
});
