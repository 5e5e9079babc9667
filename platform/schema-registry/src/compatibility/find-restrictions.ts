import { canonicalJson, sameJson } from '@omnistream/kernel';
import { pointerSegment, type JsonSchema, type JsonSchemaObject } from '../json-schema/json-schema.js';
import { compareArrays } from './compare-arrays.js';
import { compareObjects } from './compare-objects.js';
import { compareScalars } from './compare-scalars.js';
import type { Report, Restriction, Walk } from './restriction.js';
import { resolveRef } from './resolve-ref.js';

/** Keywords compared only for equality: proving one subsumes another is beyond a structural check. */
const OPAQUE = [
  'allOf',
  'not',
  'if',
  'then',
  'else',
  'dependentSchemas',
  'dependentRequired',
  'patternProperties',
  'propertyNames',
  'contains',
  'unevaluatedItems',
];

/** Bounds the work on pathological recursive schemas. */
const MAX_PAIRS = 10_000;

const withoutAlternatives = ({ anyOf: _anyOf, oneOf: _oneOf, ...rest }: JsonSchemaObject): JsonSchemaObject =>
  rest;

const alternativesOf = (
  schema: JsonSchemaObject,
): { keyword: string; list: readonly JsonSchema[] } | undefined => {
  if (Array.isArray(schema.anyOf)) return { keyword: 'anyOf', list: schema.anyOf as JsonSchema[] };
  if (Array.isArray(schema.oneOf)) return { keyword: 'oneOf', list: schema.oneOf as JsonSchema[] };
  return undefined;
};

/**
 * Every way `reader` may reject an instance that `writer` accepts: a sound but incomplete structural comparison
 * of two JSON Schema 2020-12 documents. A change is backward compatible when the new schema, as reader, rejects
 * nothing the old one accepted (JSON Schema validation, and Confluent's JSON Schema compatibility rules).
 * Keywords it cannot reason about are compared for equality, so it errs towards "incompatible".
 */
export const findRestrictions = (writerRoot: JsonSchema, readerRoot: JsonSchema): Restriction[] => {
  const found: Restriction[] = [];
  walker({ writerRoot, readerRoot }, (restriction) => found.push(restriction), new Set())(
    writerRoot,
    readerRoot,
    '#',
  );
  return found;
};

interface Roots {
  readonly writerRoot: JsonSchema;
  readonly readerRoot: JsonSchema;
}

function walker(roots: Roots, report: Report, seen: Set<string>): Walk {
  const walk: Walk = (writerSchema, readerSchema, path) => {
    const writerResolved = resolveRef(writerSchema, roots.writerRoot);
    const readerResolved = resolveRef(readerSchema, roots.readerRoot);
    if (writerResolved.refs !== '' || readerResolved.refs !== '') {
      // A pair of definitions is compared once: recursive $defs end, and a shared one reports at its first use.
      const key = `${writerResolved.refs || canonicalJson(writerSchema)}|${readerResolved.refs || canonicalJson(readerSchema)}`;
      if (seen.has(key) || seen.size > MAX_PAIRS) return;
      seen.add(key);
    }
    const writer = writerResolved.schema;
    const reader = readerResolved.schema;
    if (reader === true || writer === false) return;
    if (reader === false) return report({ kind: 'false-schema', path });
    const writerObject = writer === true ? {} : writer;
    if (sameJson(writerObject, reader) && !JSON.stringify(reader).includes('"$ref"')) return;

    if (typeof writerObject.$ref === 'string' || typeof reader.$ref === 'string')
      if (writerObject.$ref !== reader.$ref) report({ kind: 'not-compared', path, keyword: '$ref' });
    for (const keyword of OPAQUE)
      if (reader[keyword] !== undefined && !sameJson(writerObject[keyword], reader[keyword]))
        report({ kind: 'not-compared', path, keyword });

    compareAlternatives(
      writerObject,
      reader,
      path,
      walk,
      (branch, candidate) => {
        const trial: Restriction[] = [];
        walker(roots, (restriction) => trial.push(restriction), new Set(seen))(branch, candidate, path);
        return trial.length === 0;
      },
      report,
    );

    const writerRest = withoutAlternatives(writerObject);
    const readerRest = withoutAlternatives(reader);
    compareScalars(writerRest, readerRest, path, report);
    compareObjects(writerRest, readerRest, path, walk, report);
    compareArrays(writerRest, readerRest, path, walk);
  };
  return walk;
}

/**
 * anyOf / oneOf: every alternative the writer may use must be accepted by some alternative of the reader. Adding
 * an alternative widens, removing one narrows (Confluent: "sum type extended / narrowed").
 */
const compareAlternatives = (
  writer: JsonSchemaObject,
  reader: JsonSchemaObject,
  path: string,
  walk: Walk,
  accepts: (branch: JsonSchema, candidate: JsonSchema) => boolean,
  report: Report,
): void => {
  const readerAlternatives = alternativesOf(reader);
  const writerAlternatives = alternativesOf(writer);
  if (readerAlternatives === undefined && writerAlternatives === undefined) return;
  const branches = writerAlternatives?.list ?? [withoutAlternatives(writer)];
  branches.forEach((branch, index) => {
    if (readerAlternatives === undefined)
      return walk(
        branch,
        withoutAlternatives(reader),
        `${path}/${writerAlternatives?.keyword ?? ''}/${pointerSegment(index)}`,
      );
    if (!readerAlternatives.list.some((candidate) => accepts(branch, candidate)))
      report({ kind: 'alternative', path, keyword: readerAlternatives.keyword, index });
  });
};
