import { PROXY_ERRORS, ProxyError } from './proxy-error.js';
import { base64, isObject, payloadError } from './request-fields.js';
import type { RecordToProduce } from './produce-types.js';
import { RECORD_IDEMPOTENCY_HEADER } from './produce-records.js';

const SCHEMA_TYPES = new Set(['JSONSCHEMA', 'AVRO', 'PROTOBUF']);
const TYPES = new Set(['BINARY', 'JSON', 'STRING', ...SCHEMA_TYPES]);

/** How a v3 value names its schema; resolved against the topic's subject by the route. */
export type V3SchemaRef =
  | { readonly by: 'id'; readonly id: number }
  | { readonly by: 'version'; readonly version: number | 'latest' };

export interface V3Record {
  readonly record: Omit<RecordToProduce, 'value'>;
  readonly value:
    | { readonly kind: 'json'; readonly data: unknown }
    | { readonly kind: 'bytes'; readonly data: Uint8Array }
    | {
        readonly kind: 'schema';
        readonly data: unknown;
        readonly ref: V3SchemaRef;
        readonly subject?: string;
      };
  readonly keyType?: string;
}

const KNOWN = new Set(['partition_id', 'headers', 'key', 'value', 'timestamp']);

/** One v3 record: `{partition_id?, headers?: [{name, value}], key?: {type?, data, ...}, value: {...}, timestamp?}`. */
export const parseV3Record = (
  body: unknown,
  where = 'The record',
  extra: readonly string[] = [],
): V3Record => {
  if (!isObject(body)) throw payloadError(`${where} must be a JSON object`);
  for (const name of Object.keys(body))
    if (!KNOWN.has(name) && !extra.includes(name))
      throw payloadError(`Unknown field "${name}" in ${where.toLowerCase()}`);
  const { partition_id: partition, headers, key, value, timestamp } = body;
  if (
    partition !== undefined &&
    partition !== null &&
    (!Number.isInteger(partition) || (partition as number) < 0)
  )
    throw payloadError(`${where}: partition_id must be a partition number`);
  const headerMap: Record<string, string> = {};
  if (headers !== undefined && headers !== null) {
    if (!Array.isArray(headers)) throw payloadError(`${where}: headers must be an array of {name, value}`);
    for (const [i, header] of headers.entries()) {
      if (!isObject(header) || typeof header.name !== 'string' || header.name === '')
        throw payloadError(`${where}: headers[${i}] needs a name`);
      headerMap[header.name] =
        header.value === null || header.value === undefined
          ? ''
          : base64(header.value, `${where}: headers[${i}].value`).toString('utf8');
    }
  }
  let at: Date | undefined;
  if (timestamp !== undefined && timestamp !== null) {
    at = typeof timestamp === 'string' || typeof timestamp === 'number' ? new Date(timestamp) : undefined;
    if (at === undefined || Number.isNaN(at.getTime()))
      throw payloadError(`${where}: timestamp must be an ISO 8601 time`);
  }
  if (!isObject(value) || !('data' in value)) throw payloadError(`${where} needs a value: {"type"?, "data"}`);
  const keyText = parseKey(key, where);
  const idempotencyKey = headerMap[RECORD_IDEMPOTENCY_HEADER];
  return {
    record: {
      key: keyText,
      headers: headerMap,
      ...(typeof partition === 'number' ? { partition } : {}),
      ...(at === undefined ? {} : { timestamp: at }),
      ...(idempotencyKey === undefined || idempotencyKey === '' ? {} : { idempotencyKey }),
    },
    value: parseValue(value, where),
    ...(isObject(key) && typeof key.type === 'string' ? { keyType: key.type } : {}),
  };
};

const typeOf = (data: Record<string, unknown>, where: string): string | undefined => {
  if (data.type === undefined || data.type === null) return undefined;
  if (typeof data.type !== 'string' || !TYPES.has(data.type))
    throw payloadError(`${where}: type must be one of ${[...TYPES].join(', ')}`);
  return data.type;
};

const parseKey = (key: unknown, where: string): string | null => {
  if (key === undefined || key === null) return null;
  if (!isObject(key) || !('data' in key)) throw payloadError(`${where}: key must be {"type"?, "data"}`);
  const type = typeOf(key, `${where}: key`);
  if (key.data === null) return null;
  if (type === 'BINARY') return base64(key.data, `${where}: key.data`).toString('utf8');
  if (type === 'STRING') {
    if (typeof key.data !== 'string') throw payloadError(`${where}: a STRING key's data must be a string`);
    return key.data;
  }
  if (type === 'AVRO' || type === 'PROTOBUF')
    throw new ProxyError(
      PROXY_ERRORS.serializationError,
      `${where}: ${type} keys are not supported; use JSON or STRING`,
    );
  // JSON and JSONSCHEMA keys: their JSON text (a string given without a type is taken as it is).
  return type === undefined && typeof key.data === 'string' ? key.data : JSON.stringify(key.data);
};

const parseValue = (value: Record<string, unknown>, where: string): V3Record['value'] => {
  const type = typeOf(value, `${where}: value`);
  const { data } = value;
  if (data === null || data === undefined) throw payloadError(`${where}: value.data is missing`);
  if (type === 'AVRO' || type === 'PROTOBUF')
    throw new ProxyError(
      PROXY_ERRORS.serializationError,
      `${where}: ${type} is not supported; the schema registry holds JSON Schema (type JSONSCHEMA)`,
    );
  if (type === 'BINARY') return { kind: 'bytes', data: new Uint8Array(base64(data, `${where}: value.data`)) };
  if (type === 'STRING') {
    if (typeof data !== 'string') throw payloadError(`${where}: a STRING value's data must be a string`);
    return { kind: 'bytes', data: new TextEncoder().encode(data) };
  }
  const schemaId = value.schema_id;
  const version = value.schema_version;
  const subject = value.subject;
  if (schemaId !== undefined && (!Number.isInteger(schemaId) || (schemaId as number) < 1))
    throw payloadError(`${where}: value.schema_id must be a schema id`);
  if (
    version !== undefined &&
    !(Number.isInteger(version) && (version as number) >= 1) &&
    version !== 'latest'
  )
    throw payloadError(`${where}: value.schema_version must be a version number`);
  if (subject !== undefined && typeof subject !== 'string')
    throw payloadError(`${where}: value.subject must be a string`);
  const named = schemaId !== undefined || version !== undefined || subject !== undefined;
  if (type === 'JSONSCHEMA' || named)
    return {
      kind: 'schema',
      data,
      ref:
        schemaId !== undefined
          ? { by: 'id', id: schemaId as number }
          : { by: 'version', version: (version as number | 'latest' | undefined) ?? 'latest' },
      ...(typeof subject === 'string' ? { subject } : {}),
    };
  return { kind: 'json', data };
};
