import type { Restriction } from './restriction.js';

/**
 * `backward`: the writer is the old schema and the reader the new one (new readers, old data).
 * `forward`: the writer is the new schema and the reader the old one (old readers, new data).
 */
export type Direction = 'backward' | 'forward';

const json = (value: unknown): string => (value === undefined ? 'any' : JSON.stringify(value));

/** Says what changed from the old schema to the new one, in the terms of the direction that breaks. */
export const describeRestriction = (r: Restriction, direction: Direction): string => {
  const backward = direction === 'backward';
  const text = ((): string => {
    switch (r.kind) {
      case 'type':
        return backward
          ? `type narrowed from ${json(r.writer)} to ${json(r.reader)}`
          : `type widened from ${json(r.reader)} to ${json(r.writer)}`;
      case 'enum-values':
        return backward ? `enum values ${json(r.values)} removed` : `enum values ${json(r.values)} added`;
      case 'enum-introduced':
        return backward
          ? `enum ${json(r.reader)} added where any value was allowed`
          : `enum ${json(r.reader)} removed: any value is now allowed`;
      case 'const':
        if (r.writer === undefined)
          return backward ? `const ${json(r.reader)} added` : `const ${json(r.reader)} removed`;
        return backward
          ? `const changed from ${json(r.writer.value)} to ${json(r.reader)}`
          : `const changed from ${json(r.reader)} to ${json(r.writer.value)}`;
      case 'bound':
        return backward
          ? `${r.keyword} tightened from ${r.writer ?? 'none'} to ${r.reader}`
          : `${r.keyword} loosened from ${r.reader} to ${r.writer ?? 'none'}`;
      case 'pattern':
      case 'format':
      case 'multipleOf':
        if (r.writer === undefined)
          return backward ? `${r.kind} ${json(r.reader)} added` : `${r.kind} ${json(r.reader)} removed`;
        return backward
          ? `${r.kind} changed from ${json(r.writer)} to ${json(r.reader)}`
          : `${r.kind} changed from ${json(r.reader)} to ${json(r.writer)}`;
      case 'required':
        return backward
          ? `property "${r.property}" added to required`
          : `property "${r.property}" removed from required`;
      case 'content-closed':
        return backward
          ? `content model closed (${r.keyword}: false)`
          : `content model opened (${r.keyword} no longer false)`;
      case 'property-not-allowed':
        return backward
          ? `property "${r.property}" removed from a closed content model`
          : `property "${r.property}" added, but the old schema's content model is closed`;
      case 'property-constrained':
        return backward
          ? `property "${r.property}" added to an open content model (old data may carry any value there)`
          : `property "${r.property}" removed while the content model is open (new data may carry any value there)`;
      case 'unique-items':
        return backward ? 'uniqueItems added' : 'uniqueItems removed';
      case 'false-schema':
        return backward
          ? 'schema became false: no value is valid any more'
          : 'schema was false and now accepts values';
      case 'alternative':
        return backward
          ? `${r.keyword} alternative ${r.index} of the old schema is not accepted by the new schema (removed or narrowed)`
          : `${r.keyword} alternative ${r.index} of the new schema is not accepted by the old schema (added or widened)`;
      case 'not-compared':
        return `${r.keyword} changed (not compared in detail, so treated as incompatible)`;
    }
  })();
  return `${r.path}: ${text}`;
};
