import { DomainError } from '@omnistream/kernel';
import { JsonReader } from './json-reader.js';
import type { LocationType, RuleSet } from './rule-set.js';

const LOCATION_TYPES: readonly LocationType[] = ['dc', 'store'];
const TOP_KEYS = [
  'id',
  'version',
  'description',
  'weights',
  'splitPenalty',
  'maxShipments',
  'maxDistanceKm',
  'capacity',
  'fulfilment',
];

/**
 * Validates untrusted JSON (a file, an API body) into a frozen RuleSet. Every field but `description` is required:
 * a rule set decides where stock ships from, so nothing about it should come from a default nobody wrote down.
 * Throws DomainError INVALID_RULE_SET naming every wrong JSON path.
 */
export const parseRuleSet = (json: unknown): RuleSet => {
  const read = new JsonReader();
  const root = read.object(json, '$', TOP_KEYS);
  const weights = read.object(root.weights, '$.weights', ['distance', 'priority', 'rotation']);
  const capacity = read.object(root.capacity, '$.capacity', ['mode', 'overloadPenalty']);
  const fulfilment = read.object(root.fulfilment, '$.fulfilment', [
    'ship_to_home',
    'ship_from_store',
    'collect_in_store',
  ]);
  const home = read.object(fulfilment.ship_to_home, '$.fulfilment.ship_to_home', ['locationTypes']);
  const fromStore = read.object(fulfilment.ship_from_store, '$.fulfilment.ship_from_store', [
    'locationTypes',
  ]);
  const collect = read.object(fulfilment.collect_in_store, '$.fulfilment.collect_in_store', [
    'allowTransfer',
    'transferFrom',
  ]);
  const locationTypes = (parent: Readonly<Record<string, unknown>>, path: string) => {
    const types = read.setOf(parent, 'locationTypes', path, LOCATION_TYPES);
    if (types.length === 0 && Array.isArray(parent.locationTypes))
      read.problem(`${path}.locationTypes`, 'must name at least one of dc, store');
    return types;
  };
  const ruleSet: RuleSet = {
    id: read.string(root, 'id', '$'),
    version: read.number(root, 'version', '$', { integer: true, min: 1 }),
    description: read.string(root, 'description', '$', { fallback: '' }),
    weights: {
      distance: read.number(weights, 'distance', '$.weights', { min: 0 }),
      priority: read.number(weights, 'priority', '$.weights', { min: 0 }),
      rotation: read.number(weights, 'rotation', '$.weights', { min: 0 }),
    },
    splitPenalty: read.number(root, 'splitPenalty', '$', { min: 0 }),
    maxShipments: read.number(root, 'maxShipments', '$', { integer: true, min: 1 }),
    maxDistanceKm: root.maxDistanceKm === null ? null : read.number(root, 'maxDistanceKm', '$', { above: 0 }),
    capacity: {
      mode: read.oneOf(capacity, 'mode', '$.capacity', ['hard', 'soft'] as const),
      overloadPenalty: read.number(capacity, 'overloadPenalty', '$.capacity', { min: 0 }),
    },
    fulfilment: {
      ship_to_home: { locationTypes: locationTypes(home, '$.fulfilment.ship_to_home') },
      ship_from_store: { locationTypes: locationTypes(fromStore, '$.fulfilment.ship_from_store') },
      collect_in_store: {
        allowTransfer: read.boolean(collect, 'allowTransfer', '$.fulfilment.collect_in_store'),
        transferFrom: read.setOf(collect, 'transferFrom', '$.fulfilment.collect_in_store', LOCATION_TYPES),
      },
    },
  };
  if (read.problems.length > 0)
    throw new DomainError('INVALID_RULE_SET', `invalid rule set: ${read.problems.join('; ')}`, {
      problems: read.problems,
    });
  return deepFreeze(ruleSet);
};

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
};
