import {
  isSchemaObject,
  pointerSegment,
  type JsonSchema,
  type JsonSchemaObject,
} from '../json-schema/json-schema.js';
import { bothMayBe } from './instance-types.js';
import type { Report, Walk } from './restriction.js';

const schemas = (value: unknown): Readonly<Record<string, JsonSchema>> =>
  isSchemaObject(value) ? (value as Record<string, JsonSchema>) : {};

const strings = (value: unknown): readonly string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/**
 * What an object schema says of properties it does not declare: additionalProperties, or unevaluatedProperties
 * when that is the one given (the same thing for a schema without applicators), else anything.
 */
const undeclared = (schema: JsonSchemaObject): { keyword: string; schema: JsonSchema } =>
  schema.additionalProperties !== undefined
    ? { keyword: 'additionalProperties', schema: schema.additionalProperties as JsonSchema }
    : schema.unevaluatedProperties !== undefined
      ? { keyword: 'unevaluatedProperties', schema: schema.unevaluatedProperties as JsonSchema }
      : { keyword: 'additionalProperties', schema: true };

const unconstrained = (schema: JsonSchema): boolean =>
  schema === true || (isSchemaObject(schema) && Object.keys(schema).length === 0);

/**
 * required, properties and the content model (open, closed, or partially open with a schema for undeclared
 * properties), recursing into each property. A property only one side declares is compared with what the other
 * side says of undeclared properties, which is how Confluent's "open / closed content model" rules arise.
 */
export const compareObjects = (
  writer: JsonSchemaObject,
  reader: JsonSchemaObject,
  path: string,
  walk: Walk,
  report: Report,
): void => {
  if (!bothMayBe(writer, reader, 'object')) return;
  const writerRequired = new Set(strings(writer.required));
  for (const property of strings(reader.required))
    if (!writerRequired.has(property)) report({ kind: 'required', path, property });

  const writerProperties = schemas(writer.properties);
  const readerProperties = schemas(reader.properties);
  const writerRest = undeclared(writer);
  const readerRest = undeclared(reader);
  const names = new Set([...Object.keys(writerProperties), ...Object.keys(readerProperties)]);
  for (const property of names) {
    const at = `${path}/properties/${pointerSegment(property)}`;
    const writerProperty = writerProperties[property];
    const readerProperty = readerProperties[property];
    if (writerProperty !== undefined && readerProperty !== undefined)
      walk(writerProperty, readerProperty, at);
    else if (writerProperty !== undefined) {
      if (writerProperty === false) continue; // the writer never sends it
      if (readerRest.schema === false) report({ kind: 'property-not-allowed', path, property });
      else walk(writerProperty, readerRest.schema, at);
    } else if (readerProperty !== undefined) {
      if (writerRest.schema === false) continue; // the writer never sends it
      if (unconstrained(writerRest.schema) && !unconstrained(readerProperty))
        report({ kind: 'property-constrained', path, property });
      else walk(writerRest.schema, readerProperty, at);
    }
  }

  if (readerRest.schema === false) {
    if (writerRest.schema !== false) report({ kind: 'content-closed', path, keyword: readerRest.keyword });
  } else if (writerRest.schema !== false)
    walk(writerRest.schema, readerRest.schema, `${path}/${readerRest.keyword}`);
};
