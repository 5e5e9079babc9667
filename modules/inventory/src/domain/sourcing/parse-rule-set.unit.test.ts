import { describe, expect, it } from 'vitest';
import { isDomainError } from '@omnistream/kernel';
import { parseRuleSet } from './parse-rule-set.js';
import { ruleSetJson } from './sourcing.fixture.js';

const problemsOf = (json: unknown): readonly string[] => {
  try {
    parseRuleSet(json);
  } catch (error) {
    if (isDomainError(error, 'INVALID_RULE_SET')) return error.details.problems as string[];
    throw error;
  }
  throw new Error('expected INVALID_RULE_SET');
};

describe('parseRuleSet', () => {
  it('reads a complete rule set into a frozen value', () => {
    const ruleSet = parseRuleSet(ruleSetJson);
    expect(ruleSet).toMatchObject({ id: 'test-rules', version: 3, splitPenalty: 20, maxDistanceKm: null });
    expect(Object.isFrozen(ruleSet.weights)).toBe(true);
  });

  it('names the JSON path and what is wrong for each bad field', () => {
    expect(
      problemsOf({
        ...ruleSetJson,
        version: 1.5,
        weights: { distance: -1, priority: 'high', rotation: 0 },
        capacity: { mode: 'elastic', overloadPenalty: 0 },
      }),
    ).toEqual([
      '$.version: must be a whole number, got 1.5',
      '$.weights.distance: must be 0 or more, got -1',
      '$.weights.priority: must be a number, got "high"',
      '$.capacity.mode: must be one of hard, soft, got "elastic"',
    ]);
  });

  it('rejects unknown and missing fields, so a misspelt rule never silently does nothing', () => {
    const { splitPenalty: _, ...withoutPenalty } = ruleSetJson;
    expect(problemsOf({ ...withoutPenalty, splitPenality: 40 })).toEqual([
      '$.splitPenality: unknown field; expected one of id, version, description, weights, splitPenalty, maxShipments, maxDistanceKm, capacity, fulfilment',
      '$.splitPenalty: must be a number, got nothing',
    ]);
  });

  it('checks the location types of each fulfilment type', () => {
    const fulfilment = { ...ruleSetJson.fulfilment, ship_to_home: { locationTypes: ['dc', 'warehouse'] } };
    expect(problemsOf({ ...ruleSetJson, fulfilment })).toEqual([
      '$.fulfilment.ship_to_home.locationTypes[1]: must be one of dc, store, got "warehouse"',
    ]);
    expect(
      problemsOf({ ...ruleSetJson, fulfilment: { ...fulfilment, ship_to_home: { locationTypes: [] } } }),
    ).toEqual(['$.fulfilment.ship_to_home.locationTypes: must name at least one of dc, store']);
  });

  it('says what it got when the rule set is not an object at all', () => {
    expect(problemsOf([1])[0]).toBe('$: must be an object, got an array');
  });
});
