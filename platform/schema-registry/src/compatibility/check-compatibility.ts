import type { JsonSchema } from '../json-schema/json-schema.js';
import type { CompatibilityLevel } from './compatibility-level.js';
import { describeRestriction, type Direction } from './describe-restriction.js';
import { findRestrictions } from './find-restrictions.js';

export interface EarlierSchema {
  readonly version: number;
  readonly schema: JsonSchema;
}

const directions = (level: CompatibilityLevel): readonly Direction[] => {
  switch (level) {
    case 'NONE':
      return [];
    case 'BACKWARD':
    case 'BACKWARD_TRANSITIVE':
      return ['backward'];
    case 'FORWARD':
    case 'FORWARD_TRANSITIVE':
      return ['forward'];
    case 'FULL':
    case 'FULL_TRANSITIVE':
      return ['backward', 'forward'];
  }
};

/**
 * What breaks if `candidate` becomes the next version of a subject at `level`: one message per problem, naming
 * the schema path, empty when compatible. `earlier` is the subject's live versions, oldest first; a plain level
 * compares with the latest only, a transitive one with all of them (Confluent's semantics). BACKWARD: the new
 * schema reads data written with the old one; FORWARD: the old schema reads data written with the new one.
 */
export const checkCompatibility = (
  level: CompatibilityLevel,
  candidate: JsonSchema,
  earlier: readonly EarlierSchema[],
): string[] => {
  const against = level.endsWith('_TRANSITIVE') ? earlier : earlier.slice(-1);
  const messages: string[] = [];
  for (const direction of directions(level))
    for (const { version, schema } of against) {
      const restrictions =
        direction === 'backward' ? findRestrictions(schema, candidate) : findRestrictions(candidate, schema);
      const suffix = against.length > 1 ? ` (against version ${version})` : '';
      for (const restriction of restrictions)
        messages.push(`${describeRestriction(restriction, direction)}${suffix}`);
    }
  return [...new Set(messages)];
};
