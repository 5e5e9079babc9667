/** A JSON Schema (draft 2020-12) document or subschema: an object of keywords, or `true` / `false`. */
export type JsonSchema = boolean | JsonSchemaObject;

export interface JsonSchemaObject {
  readonly [keyword: string]: unknown;
}

export const isSchemaObject = (value: unknown): value is JsonSchemaObject =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export const isJsonSchema = (value: unknown): value is JsonSchema =>
  typeof value === 'boolean' || isSchemaObject(value);

/** Escapes one JSON Pointer segment (RFC 6901 section 3). */
export const pointerSegment = (segment: string | number): string =>
  String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
