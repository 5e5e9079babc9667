import type { CompiledSchema } from './topic-catalog.js';
import { PROXY_ERRORS, ProxyError } from './proxy-error.js';
import { base64, isObject, payloadError } from './request-fields.js';
import type { RecordToProduce } from './produce-types.js';

/** The embedded formats of v2, by content type (CONTRACTS.md). */
export type V2Format = 'json' | 'jsonschema' | 'binary' | 'avro';

export const V2_CONTENT_TYPES: Readonly<Record<string, V2Format>> = {
  'application/vnd.kafka.json.v2+json': 'json',
  'application/vnd.kafka.jsonschema.v2+json': 'jsonschema',
  'application/vnd.kafka.binary.v2+json': 'binary',
  'application/vnd.kafka.avro.v2+json': 'avro',
  'application/json': 'json',
};

export const v2FormatOf = (contentType: string | undefined): V2Format | undefined =>
  V2_CONTENT_TYPES[(contentType ?? '').split(';')[0]!.trim().toLowerCase()];

const BINARY_FORMAT = ' in the binary embedded format';

export interface V2Body {
  readonly format: V2Format;
  readonly records: readonly { key: unknown; value: unknown; partition?: number }[];
  readonly keySchemaId?: number;
  readonly valueSchemaId?: number;
  readonly valueSchemaText?: string;
  readonly keySchemaText?: string;
}

/** Checks a v2 produce body's shape: `{records: [{key?, value?, partition?}], key_schema?, ...}`. */
export const parseV2Body = (format: V2Format, body: unknown): V2Body => {
  if (format === 'avro')
    throw new ProxyError(
      PROXY_ERRORS.serializationError,
      'Avro is not supported: the schema registry holds JSON Schema; send application/vnd.kafka.jsonschema.v2+json',
    );
  if (!isObject(body)) throw payloadError('The body must be a JSON object with "records"');
  const { records } = body;
  if (!Array.isArray(records) || records.length === 0)
    throw payloadError('"records" must be a non-empty array of {key?, value, partition?}');
  const known = new Set(['records', 'key_schema', 'key_schema_id', 'value_schema', 'value_schema_id']);
  for (const name of Object.keys(body))
    if (!known.has(name)) throw payloadError(`Unknown field "${name}" in the produce request`);
  const schemaId = (name: string): number | undefined => {
    const value = body[name];
    if (value === undefined || value === null) return undefined;
    if (!Number.isInteger(value) || (value as number) < 1)
      throw payloadError(`"${name}" must be a schema id`);
    return value as number;
  };
  const schemaText = (name: string): string | undefined => {
    const value = body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw payloadError(`"${name}" must be the schema as a string`);
    return value;
  };
  return {
    format,
    records: records.map((record: unknown, i) => {
      if (!isObject(record)) throw payloadError(`records[${i}] must be an object {key?, value, partition?}`);
      for (const name of Object.keys(record))
        if (name !== 'key' && name !== 'value' && name !== 'partition')
          throw payloadError(`Unknown field "${name}" in records[${i}]`);
      const { partition } = record;
      if (
        partition !== undefined &&
        partition !== null &&
        (!Number.isInteger(partition) || (partition as number) < 0)
      )
        throw payloadError(`records[${i}].partition must be a partition number`);
      return {
        key: record.key,
        value: record.value,
        ...(typeof partition === 'number' ? { partition } : {}),
      };
    }),
    ...optional('keySchemaId', schemaId('key_schema_id')),
    ...optional('valueSchemaId', schemaId('value_schema_id')),
    ...optional('keySchemaText', schemaText('key_schema')),
    ...optional('valueSchemaText', schemaText('value_schema')),
  };
};

const optional = <K extends string, V>(name: K, value: V | undefined) =>
  (value === undefined ? {} : { [name]: value }) as Partial<Record<K, V>>;

/**
 * v2 records in the proxy's terms. JSON keys are written as their JSON text, as the REST Proxy does; schema-format
 * keys are checked against the key schema and also written as JSON text (the bus carries text keys, so not in the
 * wire format: a documented difference).
 */
export const v2Records = (
  body: V2Body,
  schemas: { value?: CompiledSchema; key?: { id: number; problemWith: (v: unknown) => string | undefined } },
  pathPartition: number | undefined,
): RecordToProduce[] =>
  body.records.map((record, i) => {
    if (record.value === undefined || record.value === null)
      throw payloadError(`records[${i}] has no value: every record needs one`);
    const hasKey = record.key !== undefined && record.key !== null;
    let key: string | null = null;
    if (hasKey) {
      if (body.format === 'binary')
        key = base64(record.key, `records[${i}].key`, BINARY_FORMAT).toString('utf8');
      else {
        if (schemas.key !== undefined) {
          const problem = schemas.key.problemWith(record.key);
          if (problem !== undefined)
            throw new ProxyError(
              PROXY_ERRORS.conversionFailed,
              `records[${i}].key does not follow key schema ${schemas.key.id}: ${problem}`,
            );
        }
        key = JSON.stringify(record.key);
      }
    }
    const partition = pathPartition ?? record.partition;
    return {
      key,
      value:
        body.format === 'binary'
          ? {
              kind: 'bytes',
              data: new Uint8Array(base64(record.value, `records[${i}].value`, BINARY_FORMAT)),
            }
          : {
              kind: 'json',
              data: record.value,
              ...(schemas.value === undefined ? {} : { schemaId: schemas.value.id }),
            },
      headers: {},
      ...(partition === undefined ? {} : { partition }),
    };
  });
