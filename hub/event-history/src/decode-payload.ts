import { isStorableText } from './storable-text.js';

/** What the history keeps of a message value besides its size. */
export interface DecodedPayload {
  /** The JSON text of the value (without the wire-format prefix), or null when the value is not JSON. */
  readonly json: string | null;
  /** The Confluent schema id, when the value is in the wire format with a JSON payload. */
  readonly schemaId: number | null;
}

const NOT_JSON: DecodedPayload = { json: null, schemaId: null };
const utf8 = new TextDecoder('utf-8', { fatal: true });
/** Deeper JSON than this is not indexed: PostgreSQL's parser would hit its stack limit and fail the whole batch. */
const MAX_DEPTH = 200;

/** True when jsonb can store the parsed value: no string (or key) jsonb refuses, not nested too deep. */
const storable = (value: unknown, depth: number): boolean => {
  if (typeof value === 'string') return isStorableText(value);
  if (value === null || typeof value !== 'object') return true;
  if (depth >= MAX_DEPTH) return false;
  if (Array.isArray(value)) return value.every((item) => storable(item, depth + 1));
  return Object.entries(value).every(([key, item]) => isStorableText(key) && storable(item, depth + 1));
};

const jsonText = (bytes: Uint8Array): string | null => {
  try {
    const text = utf8.decode(bytes);
    // The text itself goes to PostgreSQL, so wide numbers keep their digits; parsing here only proves it is JSON.
    return storable(JSON.parse(text), 0) ? text : null;
  } catch {
    return null;
  }
};

/**
 * Decodes a message value: the Confluent wire format (byte 0 = 0, bytes 1-4 the big-endian schema id, then JSON),
 * plain JSON (as the REST proxy may carry), or anything else, which is kept as its size only. A wire-format
 * prefix followed by something other than JSON (Avro, Protobuf, or binary that happens to start with 0) is not
 * taken as a schema id.
 */
export const decodePayload = (value: Uint8Array): DecodedPayload => {
  if (value.byteLength === 0) return NOT_JSON;
  if (value[0] === 0) {
    if (value.byteLength < 6) return NOT_JSON;
    const json = jsonText(value.subarray(5));
    if (json === null) return NOT_JSON;
    const schemaId = new DataView(value.buffer, value.byteOffset, value.byteLength).getUint32(1);
    // int column: an id above 2^31 - 1 is not one a registry hands out; keep the payload, drop the id.
    return { json, schemaId: schemaId <= 0x7fffffff ? schemaId : null };
  }
  const json = jsonText(value);
  return json === null ? NOT_JSON : { json, schemaId: null };
};
