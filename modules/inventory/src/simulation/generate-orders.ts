import type { SourcingLocation } from '../domain/sourcing/sourcing-location.js';
import type {
  FulfilmentType,
  GeoPoint,
  OrderLine,
  SourcingRequest,
} from '../domain/sourcing/sourcing-request.js';
import { GB_TOWNS, type Town } from './gb-towns.js';
import { nearTown, SKU_POPULARITY_EXPONENT, townSpreadKm } from './generate-network.js';
import { seededRandom, type SeededRandom } from './seeded-random.js';
import type { SourcingDataSet } from './sourcing-data-set.js';
import { weightedSampler } from './weighted-sampler.js';
import { zipfWeights } from './zipf-weights.js';

export interface OrderOptions {
  /** Defaults to the network's seed + 1, so a data set is reproducible from one number. */
  readonly seed?: number;
  readonly orders?: number;
  /** Shares of each fulfilment type; they need not sum to 1. */
  readonly mix?: Readonly<Record<FulfilmentType, number>>;
}

export const DEFAULT_ORDER_COUNT = 10_000;
export const DEFAULT_MIX: Readonly<Record<FulfilmentType, number>> = {
  ship_to_home: 0.6,
  collect_in_store: 0.25,
  ship_from_store: 0.15,
};
/** Lines per order: 1 to 5, most orders small. */
const LINE_COUNT_WEIGHTS = [0.45, 0.25, 0.15, 0.09, 0.06];
const RURAL_SHARE = 0.08;
const RURAL_SPREAD_KM = 25;

/**
 * Orders as a day of British online trade might bring them: customers where people live (plus some in the
 * country), 1 to 5 distinct SKUs drawn by Zipf popularity, mostly one unit each, and a mix of fulfilment types;
 * collecting customers choose one of the three open pick-up stores nearest them, usually the nearest.
 */
export const generateOrders = (network: SourcingDataSet, options: OrderOptions = {}): SourcingRequest[] => {
  const random = seededRandom(options.seed ?? (network.seed ?? 42) + 1);
  const count = options.orders ?? DEFAULT_ORDER_COUNT;
  const mix = options.mix ?? DEFAULT_MIX;
  const types = Object.keys(mix) as FulfilmentType[];
  const pickType = weightedSampler(types.map((type) => mix[type]));
  const pickTown = weightedSampler(GB_TOWNS.map((town) => town.population));
  const pickSku = weightedSampler(zipfWeights(network.skus.length, SKU_POPULARITY_EXPONENT));
  const pickLineCount = weightedSampler(LINE_COUNT_WEIGHTS);
  const pickUpStores = network.locations.filter(
    (location) => location.type === 'store' && location.open && location.capabilities.includes('pick_up'),
  );
  const width = String(count).length;
  return Array.from({ length: count }, (_, index): SourcingRequest => {
    const orderId = `order-${String(index + 1).padStart(width, '0')}`;
    const town = GB_TOWNS[pickTown(random)] as Town;
    const rural = random.chance(RURAL_SHARE);
    const point = nearTown(random, town, rural ? RURAL_SPREAD_KM : townSpreadKm(town) * 1.2);
    const lines = drawLines(random, network.skus, pickSku, 1 + pickLineCount(random));
    const type = types[pickType(random)] as FulfilmentType;
    if (type !== 'collect_in_store' || pickUpStores.length === 0)
      return {
        orderId,
        lines,
        fulfilment: { type: type === 'collect_in_store' ? 'ship_to_home' : type, deliveryPoint: point },
      };
    const nearest = nearestThree(pickUpStores, point);
    const roll = random.next();
    const choice = nearest[roll < 0.7 ? 0 : roll < 0.9 ? 1 : 2] ?? nearest[0];
    return { orderId, lines, fulfilment: { type, storeId: choice?.id ?? '' } };
  });
};

const drawLines = (
  random: SeededRandom,
  skus: readonly string[],
  pickSku: (random: SeededRandom) => number,
  count: number,
): OrderLine[] => {
  const chosen = new Set<string>();
  // Distinct SKUs; a tiny catalogue may not have `count` of them, so stop trying after a while.
  for (let tries = 0; chosen.size < Math.min(count, skus.length) && tries < count * 20; tries += 1)
    chosen.add(skus[pickSku(random)] as string);
  return [...chosen].map((sku, i) => {
    const roll = random.next();
    return { lineId: `${i + 1}`, sku, quantity: roll < 0.85 ? 1 : roll < 0.97 ? 2 : 3 };
  });
};

/** The three stores nearest `point` by an equirectangular approximation, plenty to rank stores in one region. */
const nearestThree = (stores: readonly SourcingLocation[], point: GeoPoint): SourcingLocation[] => {
  const scale = Math.cos((point.lat * Math.PI) / 180);
  const best: { store: SourcingLocation; d: number }[] = [];
  for (const store of stores) {
    const dLat = store.lat - point.lat;
    const dLon = (store.lon - point.lon) * scale;
    const d = dLat * dLat + dLon * dLon;
    if (best.length === 3 && d >= (best[2] as { d: number }).d) continue;
    best.push({ store, d });
    best.sort((a, b) => a.d - b.d);
    if (best.length > 3) best.pop();
  }
  return best.map((entry) => entry.store);
};
