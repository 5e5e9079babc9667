import type { LocationCapability } from '../domain/location/location.js';
import type { SourcingLocation } from '../domain/sourcing/sourcing-location.js';
import { GB_DC_SITE, GB_TOWNS, type Town } from './gb-towns.js';
import { seededRandom, type SeededRandom } from './seeded-random.js';
import type { SourcingDataSet } from './sourcing-data-set.js';
import { weightedSampler } from './weighted-sampler.js';
import { zipfWeights } from './zipf-weights.js';

export interface NetworkOptions {
  readonly seed?: number;
  readonly stores?: number;
  readonly skus?: number;
}

export const DEFAULT_NETWORK = { seed: 42, stores: 1_000, skus: 10_000 } as const;

/** Sales follow Zipf with this exponent: the top SKU sells about 4 % of units among 10,000. */
export const SKU_POPULARITY_EXPONENT = 0.8;
/** Order lines a day the generated DC can pick (stores take 60 to 200). */
const DC_CAPACITY = 25_000;
/** Units the DC holds of a SKU per unit of its sales share: about a day and a half of 10,000 orders. */
const DC_DEPTH = 30_000;

/** Where around a town its shops and customers are, in km (one standard deviation): bigger towns sprawl. */
export const townSpreadKm = (town: Town): number => 2 + 0.2 * Math.sqrt(town.population);

/** A point about `town`, `spreadKm` away per axis at one standard deviation. */
export const nearTown = (random: SeededRandom, town: Town, spreadKm: number) => ({
  lat: round5(town.lat + (random.normal() * spreadKm) / 111.2),
  lon: round5(town.lon + (random.normal() * spreadKm) / (111.2 * Math.cos((town.lat * Math.PI) / 180))),
});

/** Five decimals of a degree are about a metre: plenty for sourcing, and a smaller network.json. */
const round5 = (degrees: number): number => Math.round(degrees * 1e5) / 1e5;

/**
 * A realistic British network: one DC near Daventry holding nearly every SKU in depth, and stores clustered around
 * towns by population, each holding a share of the range (best sellers widely, the long tail rarely) a few units
 * deep, with priorities, capacities, loads already taken today, a few closed stores and some lacking capabilities.
 * The same options always give the same network.
 */
export const generateNetwork = (options: NetworkOptions = {}): SourcingDataSet => {
  const seed = options.seed ?? DEFAULT_NETWORK.seed;
  const storeCount = options.stores ?? DEFAULT_NETWORK.stores;
  const skuCount = options.skus ?? DEFAULT_NETWORK.skus;
  const random = seededRandom(seed);
  const skus = Array.from({ length: skuCount }, (_, i) => `sku-${String(i + 1).padStart(5, '0')}`);
  // Best sellers are not the lowest ids: shuffle (Fisher–Yates, Knuth TAOCP vol. 2, algorithm P).
  for (let i = skus.length - 1; i > 0; i -= 1) {
    const j = random.int(0, i);
    [skus[i], skus[j]] = [skus[j] as string, skus[i] as string];
  }
  const popularity = zipfWeights(skuCount, SKU_POPULARITY_EXPONENT);
  const totalPopularity = popularity.reduce((sum, weight) => sum + weight, 0);
  const stock = new Map(skus.map((sku) => [sku, new Map<string, number>()]));
  skus.forEach((sku, rank) => {
    if (!random.chance(rank < 2_000 ? 0.995 : 0.96)) return;
    const share = (popularity[rank] as number) / totalPopularity;
    stock.get(sku)?.set('dc-1', Math.max(2, Math.round(share * DC_DEPTH * (0.6 + 0.8 * random.next()))));
  });
  const dc: SourcingLocation = {
    id: 'dc-1',
    type: 'dc',
    ...GB_DC_SITE,
    priority: 2,
    dailyCapacity: DC_CAPACITY,
    todayLoad: Math.round(DC_CAPACITY * 0.2),
    capabilities: ['ship', 'transfer'],
    open: true,
  };
  const pickTown = weightedSampler(GB_TOWNS.map((town) => town.population ** 0.75));
  const stores = Array.from({ length: storeCount }, (_, i) =>
    generateStore(random, i, skus, stock, pickTown),
  );
  return { seed, skus, locations: [dc, ...stores], stock };
};

const generateStore = (
  random: SeededRandom,
  index: number,
  skus: readonly string[],
  stock: ReadonlyMap<string, Map<string, number>>,
  pickTown: (random: SeededRandom) => number,
): SourcingLocation => {
  const id = `store-${String(index + 1).padStart(4, '0')}`;
  const town = GB_TOWNS[pickTown(random)] as Town;
  const size = 0.5 + random.next();
  for (let rank = 0; rank < skus.length; rank += 1) {
    // About 950 lines in an average store: nearly every best seller, a sliver of the long tail.
    if (random.next() >= Math.min(0.95, (size * 0.9 * 300) / (300 + rank))) continue;
    stock.get(skus[rank] as string)?.set(id, rank < 1_000 ? random.int(1, 4) : random.int(1, 2));
  }
  const capabilities: LocationCapability[] = [];
  if (random.chance(0.97)) capabilities.push('pick_up');
  if (random.chance(0.85)) capabilities.push('ship_from_store');
  if (random.chance(0.9)) capabilities.push('transfer');
  const dailyCapacity = Math.round(60 + 140 * (size - 0.5));
  const roll = random.next();
  return {
    id,
    type: 'store',
    ...nearTown(random, town, townSpreadKm(town)),
    priority: roll < 0.1 ? 0 : roll < 0.7 ? 1 : roll < 0.95 ? 2 : 3,
    dailyCapacity,
    todayLoad: random.int(0, Math.floor(dailyCapacity * 0.35)),
    capabilities,
    open: random.chance(0.985),
  };
};
