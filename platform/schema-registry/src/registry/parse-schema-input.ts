import { createHash } from 'node:crypto';
import { canonicalJson } from '@omnistream/kernel';
import { compileJsonSchema, DRAFT_2020_12, schemaProblems } from '../json-schema/compile-json-schema.js';
import { isJsonSchema, isSchemaObject, type JsonSchema } from '../json-schema/json-schema.js';
import { invalidSchema, RegistryError } from './registry-error.js';

/** The schema types this registry can check and validate; `GET /schemas/types` lists exactly these. */
export const SUPPORTED_SCHEMA_TYPES = ['JSON'] as const;
const KNOWN_SCHEMA_TYPES = ['AVRO', 'JSON', 'PROTOBUF'];

export interface ParsedSchema {
  readonly schemaType: 'JSON';
  readonly schema: JsonSchema;
  /** The stored text: canonical JSON, so a reformatted schema is the same schema. */
  readonly canonical: string;
  /** sha-256 of type and canonical text: what schemas are deduplicated on. */
  readonly fingerprint: string;
}

/**
 * Checks a `POST /subjects/{s}/versions`-style body and the schema in it. Confluent's rules: an absent
 * schemaType means AVRO; schema is a string holding the schema's JSON.
 */
export const parseSchemaInput = (body: unknown): ParsedSchema => {
  if (!isSchemaObject(body)) throw invalidSchema('the body must be an object with a "schema" string');
  const { schema: text, schemaType = 'AVRO', references } = body;
  if (typeof schemaType !== 'string' || !KNOWN_SCHEMA_TYPES.includes(schemaType.toUpperCase()))
    throw new RegistryError(422, 42201, `Invalid schema type ${JSON.stringify(schemaType)}`);
  if (schemaType.toUpperCase() !== 'JSON')
    throw new RegistryError(
      422,
      42201,
      `Schema type ${schemaType.toUpperCase()} not supported yet: this registry stores JSON schemas`,
    );
  if (Array.isArray(references) && references.length > 0)
    throw new RegistryError(
      422,
      42201,
      'Schema references are not supported yet: use $ref to $defs in the same document',
    );
  if (typeof text !== 'string' || text.trim() === '') throw new RegistryError(422, 42201, 'Empty schema');
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (error) {
    throw invalidSchema(`not JSON (${(error as Error).message})`);
  }
  if (!isJsonSchema(schema)) throw invalidSchema('a JSON Schema is an object or a boolean');
  if (isSchemaObject(schema) && schema.$schema !== undefined && schema.$schema !== DRAFT_2020_12)
    throw invalidSchema(
      `only JSON Schema draft 2020-12 (${DRAFT_2020_12}) is supported, got $schema ${JSON.stringify(schema.$schema)}`,
    );
  const problems = schemaProblems(schema);
  if (problems.length > 0) throw invalidSchema(problems.join('; '));
  try {
    compileJsonSchema(schema);
  } catch (error) {
    throw invalidSchema((error as Error).message);
  }
  const canonical = canonicalJson(schema);
  const fingerprint = createHash('sha256').update(`JSON\n${canonical}`).digest('hex');
  return { schemaType: 'JSON', schema, canonical, fingerprint };
};
