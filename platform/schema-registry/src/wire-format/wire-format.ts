import { DomainError } from '@omnistream/kernel';

/**
 * Confluent's wire format. Never change: every Kafka consumer of our topics decodes it. Byte 0 is the magic
 * byte 0x00, bytes 1-4 the schema id as a big-endian int32, then the payload (JSON text for JSON Schema).
 * Newer Confluent clients also write magic 0x01 followed by a 16-byte schema GUID.
 */
export const MAGIC_SCHEMA_ID = 0x00;
export const MAGIC_SCHEMA_GUID = 0x01;

/** Where the schema of a decoded value is named: a global id, or a GUID (which this registry does not assign). */
export type SchemaReference = { readonly id: number } | { readonly guid: string };

export interface DecodedValue {
  readonly schema: SchemaReference;
  readonly payload: Uint8Array;
}

/** A value of `5 + length` bytes whose first five are the magic byte and the schema id; the payload goes after. */
const valueWithHeader = (
  schemaId: number,
  length: number,
  allocate: (size: number) => Uint8Array,
): Uint8Array => {
  if (!Number.isInteger(schemaId) || schemaId < 1 || schemaId > 0x7fffffff)
    throw new DomainError('INVALID_SCHEMA_ID', `schema id ${schemaId} is not a whole number in 1..2^31-1`);
  const value = allocate(5 + length);
  const view = new DataView(value.buffer, value.byteOffset, 5);
  view.setUint8(0, MAGIC_SCHEMA_ID);
  view.setInt32(1, schemaId, false);
  return value;
};

export const encodeWireFormat = (schemaId: number, payload: Uint8Array): Uint8Array => {
  const value = valueWithHeader(schemaId, payload.length, (size) => new Uint8Array(size));
  value.set(payload, 5);
  return value;
};

/** The same for a JSON payload given as text, encoded straight into the value (one allocation, no copy). */
export const encodeJsonWireFormat = (schemaId: number, json: string): Uint8Array => {
  const value = valueWithHeader(schemaId, Buffer.byteLength(json), (size) =>
    Buffer.allocUnsafe(size),
  ) as Buffer;
  value.write(json, 5, 'utf8');
  return value;
};

const guidOf = (bytes: Uint8Array): string => {
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/** Reads a schema reference (magic byte and id or GUID) at the start of `bytes`; returns it and its length. */
const readReference = (bytes: Uint8Array, what: string): { schema: SchemaReference; length: number } => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 5 && bytes[0] === MAGIC_SCHEMA_ID)
    return { schema: { id: view.getInt32(1, false) }, length: 5 };
  if (bytes.length >= 17 && bytes[0] === MAGIC_SCHEMA_GUID)
    return { schema: { guid: guidOf(bytes.subarray(1, 17)) }, length: 17 };
  throw new DomainError(
    'INVALID_WIRE_FORMAT',
    bytes.length === 0
      ? `${what} is empty`
      : `${what} starts with magic byte ${bytes[0]} and ${bytes.length} bytes: expected 0 and a 4-byte schema id, or 1 and a 16-byte schema GUID`,
  );
};

/**
 * Decodes a value. When the schema reference travels in a header (`__value_schema_id`, or `__key_schema_id` for
 * keys), the value is the bare payload and the header holds magic byte and id or GUID.
 */
export const decodeWireFormat = (value: Uint8Array, schemaHeader?: Uint8Array): DecodedValue => {
  if (schemaHeader !== undefined)
    return { schema: readReference(schemaHeader, 'the schema id header').schema, payload: value };
  const { schema, length } = readReference(value, 'the value');
  return { schema, payload: value.subarray(length) };
};

export const KEY_SCHEMA_ID_HEADER = '__key_schema_id';
export const VALUE_SCHEMA_ID_HEADER = '__value_schema_id';
