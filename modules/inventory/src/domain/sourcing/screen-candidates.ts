import type { LocationCapability } from '../location/location.js';
import { haversineKm } from './haversine-km.js';
import type { OrderItem } from './order-items.js';
import type { LocationType, RuleSet } from './rule-set.js';
import type {
  ExcludedCandidate,
  ExclusionReason,
  ShipmentMode,
  UnfulfillableReason,
} from './sourcing-decision.js';
import type { SourcingLocation } from './sourcing-location.js';
import type { GeoPoint, SourcingRequest } from './sourcing-request.js';

/** A location that passed every hard filter, with what it holds of the order. */
export interface Candidate {
  readonly location: SourcingLocation;
  readonly mode: ShipmentMode;
  readonly distanceKm: number;
  /** Bit i set: it holds all of item i. */
  readonly full: number;
  /** Bit i set: it holds some but not all of item i. */
  readonly partial: number;
  /** Units it can give per item (never more than the item needs). */
  readonly units: readonly number[];
  /** Lines it can take before reaching its capacity today (0 when full or over). */
  readonly room: number;
  /** todayLoad / dailyCapacity: the store rotation index (1 when it has no capacity). */
  readonly loadRatio: number;
}

export type Screening =
  | { readonly kind: 'screened'; readonly candidates: Candidate[]; readonly excluded: ExcludedCandidate[] }
  | {
      readonly kind: 'rejected';
      readonly reason: UnfulfillableReason;
      readonly detail: string;
      readonly excluded: ExcludedCandidate[];
    };

const REASONS: readonly ExclusionReason[] = [
  'CLOSED',
  'TYPE_NOT_ALLOWED',
  'NOT_CHOSEN_STORE',
  'MISSING_CAPABILITY',
  'AT_CAPACITY',
  'NO_STOCK',
  'TOO_FAR',
];
const [CLOSED, TYPE_NOT_ALLOWED, NOT_CHOSEN_STORE, MISSING_CAPABILITY, AT_CAPACITY, NO_STOCK, TOO_FAR] =
  REASONS.map((_, bit) => 1 << bit) as [number, number, number, number, number, number, number];
// One frozen array per combination of reasons: a thousand excluded stores share a handful of arrays.
const REASON_LISTS: readonly (readonly ExclusionReason[])[] = Array.from(
  { length: 1 << REASONS.length },
  (_, bits) => Object.freeze(REASONS.filter((_, bit) => (bits & (1 << bit)) !== 0)),
);

const shipCapability = (type: LocationType): LocationCapability =>
  type === 'dc' ? 'ship' : 'ship_from_store';

/**
 * Applies the hard filters in one pass over the locations. Cheap static filters come first (open, type,
 * chosen store, capability, capacity) and all failing ones are reported; stock and distance are looked at only
 * for locations that pass them, which keeps a thousand-store network fast.
 */
export const screenCandidates = (
  request: SourcingRequest,
  items: readonly OrderItem[],
  locations: readonly SourcingLocation[],
  ruleSet: RuleSet,
): Screening => {
  const { fulfilment } = request;
  const hardCapacity = ruleSet.capacity.mode === 'hard';
  let target: GeoPoint;
  let allowed: readonly LocationType[];
  let chosen: SourcingLocation | undefined;
  if (fulfilment.type === 'collect_in_store') {
    chosen = locations.find((location) => location.id === fulfilment.storeId);
    if (chosen === undefined)
      return {
        kind: 'rejected',
        reason: 'UNKNOWN_STORE',
        detail: `no location ${fulfilment.storeId}`,
        excluded: [],
      };
    target = chosen;
    const collect = ruleSet.fulfilment.collect_in_store;
    allowed = collect.allowTransfer ? collect.transferFrom : [];
  } else {
    target = fulfilment.deliveryPoint;
    allowed = ruleSet.fulfilment[fulfilment.type].locationTypes;
  }
  const candidates: Candidate[] = [];
  const excluded: ExcludedCandidate[] = [];
  const n = items.length;
  for (const location of locations) {
    let reasons = location.open ? 0 : CLOSED;
    let mode: ShipmentMode = 'ship';
    let capability: LocationCapability;
    if (chosen === location) {
      mode = 'pick_up';
      capability = 'pick_up';
    } else if (chosen !== undefined) {
      mode = 'transfer';
      capability = 'transfer';
      if (allowed.length === 0) reasons |= NOT_CHOSEN_STORE;
      else if (!allowed.includes(location.type)) reasons |= TYPE_NOT_ALLOWED;
    } else {
      capability = shipCapability(location.type);
      if (!allowed.includes(location.type)) reasons |= TYPE_NOT_ALLOWED;
    }
    if (!location.capabilities.includes(capability)) reasons |= MISSING_CAPABILITY;
    const room = Math.max(0, location.dailyCapacity - location.todayLoad);
    if (hardCapacity && room === 0) reasons |= AT_CAPACITY;
    if (reasons === 0) {
      let full = 0;
      let partial = 0;
      let units: number[] | undefined;
      for (let i = 0; i < n; i += 1) {
        const item = items[i] as OrderItem;
        const have = location.stock.get(item.sku) ?? 0;
        if (have <= 0) continue;
        units ??= new Array<number>(n).fill(0);
        if (have >= item.quantity) {
          full |= 1 << i;
          units[i] = item.quantity;
        } else {
          partial |= 1 << i;
          units[i] = Math.floor(have);
        }
      }
      if (units === undefined) reasons |= NO_STOCK;
      else {
        const distanceKm = mode === 'pick_up' ? 0 : haversineKm(location, target);
        if (ruleSet.maxDistanceKm !== null && distanceKm > ruleSet.maxDistanceKm) reasons |= TOO_FAR;
        else {
          const loadRatio = location.dailyCapacity > 0 ? location.todayLoad / location.dailyCapacity : 1;
          candidates.push({ location, mode, distanceKm, full, partial, units, room, loadRatio });
          continue;
        }
      }
    }
    excluded.push({ locationId: location.id, reasons: REASON_LISTS[reasons] as readonly ExclusionReason[] });
    // The customer collects at the chosen store: if it cannot hand over, nothing else helps.
    if (chosen === location && (reasons & (CLOSED | MISSING_CAPABILITY)) !== 0) {
      const why = REASON_LISTS[reasons & (CLOSED | MISSING_CAPABILITY)]?.join(', ') ?? '';
      return {
        kind: 'rejected',
        reason: 'CHOSEN_STORE_UNAVAILABLE',
        detail: `store ${location.id} cannot hand over the order: ${why}`,
        excluded: [{ locationId: location.id, reasons: REASON_LISTS[reasons] as readonly ExclusionReason[] }],
      };
    }
  }
  return { kind: 'screened', candidates, excluded };
};
