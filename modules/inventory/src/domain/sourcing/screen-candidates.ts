import { cosLatitude, haversineWithCosines } from './haversine-km.js';
import type { OrderItem } from './order-items.js';
import type { LocationType, RuleSet } from './rule-set.js';
import type {
  ExclusionGroup,
  ExclusionReason,
  ShipmentMode,
  UnfulfillableReason,
} from './sourcing-decision.js';
import { capabilityBit, locationIndex } from './location-index.js';
import { stockHoldings } from './stock-holdings.js';
import type { SourcingLocation } from './sourcing-location.js';
import type { SourcingNetwork } from './sourcing-network.js';
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
  /** Units per item of every location, shared by all candidates of a decision; see unitsOf. */
  readonly held: Float64Array;
  readonly offset: number;
  /** Lines it can take before reaching its capacity today (0 when full or over). */
  readonly room: number;
  /** todayLoad / dailyCapacity: the store rotation index (1 when it has no capacity). */
  readonly loadRatio: number;
}

/** Units the candidate can give of item i (never more than the item needs). */
export const unitsOf = (candidate: Candidate, i: number): number => candidate.held[candidate.offset + i] ?? 0;

export type Screening =
  | { readonly kind: 'screened'; readonly candidates: Candidate[]; readonly excluded: ExclusionGroup[] }
  | {
      readonly kind: 'rejected';
      readonly reason: UnfulfillableReason;
      readonly detail: string;
      readonly excluded: ExclusionGroup[];
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
// One frozen array per combination of reasons, in the order of REASONS.
const REASON_LISTS: readonly (readonly ExclusionReason[])[] = Array.from(
  { length: 1 << REASONS.length },
  (_, bits) => Object.freeze(REASONS.filter((_, bit) => (bits & (1 << bit)) !== 0)),
);

// A DC ships parcels with `ship`, a store with `ship_from_store`.
const SHIP = capabilityBit('ship');
const SHIP_FROM_STORE = capabilityBit('ship_from_store');
const PICK_UP = capabilityBit('pick_up');
const TRANSFER = capabilityBit('transfer');

/**
 * Applies the hard filters in one pass over the locations. Cheap static filters come first (open, type,
 * chosen store, capability, capacity) and all failing ones are reported; stock and distance count only for
 * locations that pass them.
 */
export const screenCandidates = (
  request: SourcingRequest,
  items: readonly OrderItem[],
  network: SourcingNetwork,
  ruleSet: RuleSet,
): Screening => {
  const { locations } = network;
  const index = locationIndex(locations);
  const { fulfilment } = request;
  const hardCapacity = ruleSet.capacity.mode === 'hard';
  let target: GeoPoint;
  let allowed: readonly LocationType[];
  let chosen: SourcingLocation | undefined;
  if (fulfilment.type === 'collect_in_store') {
    chosen = locations[index.positions.get(fulfilment.storeId) ?? -1];
    if (chosen === undefined)
      return {
        kind: 'rejected',
        reason: 'UNKNOWN_STORE',
        detail: `no location ${fulfilment.storeId}`,
        excluded: [],
      };
    // The customer collects at the chosen store: if it cannot hand over, nothing else helps.
    const unavailable =
      (chosen.open ? 0 : CLOSED) | (chosen.capabilities.includes('pick_up') ? 0 : MISSING_CAPABILITY);
    if (unavailable !== 0) {
      const reasons = REASON_LISTS[unavailable] as readonly ExclusionReason[];
      return {
        kind: 'rejected',
        reason: 'CHOSEN_STORE_UNAVAILABLE',
        detail: `store ${chosen.id} cannot hand the order over: ${reasons.join(', ')}`,
        excluded: [{ reasons, locationIds: [chosen.id] }],
      };
    }
    target = chosen;
    const collect = ruleSet.fulfilment.collect_in_store;
    allowed = collect.allowTransfer ? collect.transferFrom : [];
  } else {
    target = fulfilment.deliveryPoint;
    allowed = ruleSet.fulfilment[fulfilment.type].locationTypes;
  }
  const candidates: Candidate[] = [];
  const excludedIds: (string[] | undefined)[] = [];
  const n = items.length;
  const held = stockHoldings(items, network, index);
  const cosTarget = cosLatitude(target);
  for (let position = 0; position < locations.length; position += 1) {
    const location = locations[position] as SourcingLocation;
    let reasons = location.open ? 0 : CLOSED;
    let mode: ShipmentMode = 'ship';
    let capability: number;
    if (chosen === location) {
      mode = 'pick_up';
      capability = PICK_UP;
    } else if (chosen !== undefined) {
      mode = 'transfer';
      capability = TRANSFER;
      if (allowed.length === 0) reasons |= NOT_CHOSEN_STORE;
      else if (!allowed.includes(location.type)) reasons |= TYPE_NOT_ALLOWED;
    } else {
      capability = location.type === 'dc' ? SHIP : SHIP_FROM_STORE;
      if (!allowed.includes(location.type)) reasons |= TYPE_NOT_ALLOWED;
    }
    if (((index.capabilities[position] as number) & capability) === 0) reasons |= MISSING_CAPABILITY;
    const room = Math.max(0, location.dailyCapacity - location.todayLoad);
    if (hardCapacity && room === 0) reasons |= AT_CAPACITY;
    if (reasons === 0) {
      const full = held.full[position] as number;
      const partial = held.partial[position] as number;
      if (full === 0 && partial === 0) reasons |= NO_STOCK;
      else {
        const distanceKm =
          mode === 'pick_up'
            ? 0
            : haversineWithCosines(location, index.cosLat[position] as number, target, cosTarget);
        if (ruleSet.maxDistanceKm !== null && distanceKm > ruleSet.maxDistanceKm) reasons |= TOO_FAR;
        else {
          const loadRatio = location.dailyCapacity > 0 ? location.todayLoad / location.dailyCapacity : 1;
          const offset = position * n;
          candidates.push({
            location,
            mode,
            distanceKm,
            full,
            partial,
            held: held.units,
            offset,
            room,
            loadRatio,
          });
          continue;
        }
      }
    }
    (excludedIds[reasons] ??= []).push(location.id);
  }
  const excluded: ExclusionGroup[] = [];
  excludedIds.forEach((locationIds, reasons) => {
    if (locationIds !== undefined)
      excluded.push({ reasons: REASON_LISTS[reasons] as readonly ExclusionReason[], locationIds });
  });
  excluded.sort((a, b) => a.reasons.length - b.reasons.length);
  if (candidates.length > 0) return { kind: 'screened', candidates, excluded };
  // Locations that could serve but hold nothing of the order mean stock is short, not the network.
  return (excludedIds[NO_STOCK]?.length ?? 0) > 0
    ? {
        kind: 'rejected',
        reason: 'INSUFFICIENT_STOCK',
        detail: 'no eligible location holds any line',
        excluded,
      }
    : {
        kind: 'rejected',
        reason: 'NO_ELIGIBLE_LOCATION',
        detail: 'no location passes the hard filters',
        excluded,
      };
};
