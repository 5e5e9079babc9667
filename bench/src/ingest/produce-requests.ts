import type { LoadRequest } from './load-request.js';
import { orderRecord } from './order-record.js';

/** Where and as whom the proxy is called: set up over HTTP beforehand (setUpIngest). */
export interface IngestTarget {
  readonly baseUrl: string;
  readonly topic: string;
  readonly schemaId: number;
  /** The string key schema v2 schema formats need beside keyed records. */
  readonly keySchemaId: number;
  /** `Basic base64(key:secret)`, as Confluent clients send an API key. */
  readonly authorization: string;
}

/** Confluent REST v3: one JSON record per request. `prefix` keeps ids apart between runs. */
export const singleRecordRequest = (
  target: IngestTarget,
  clusterId: string,
  prefix: string,
): LoadRequest => ({
  url: `${target.baseUrl}/kafka/v3/clusters/${encodeURIComponent(clusterId)}/topics/${encodeURIComponent(target.topic)}/records`,
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: target.authorization },
  body: JSON.stringify({
    key: { type: 'STRING', data: `${prefix}-{n}` },
    value: { type: 'JSON', data: orderRecord(prefix, 0) },
  }),
  check: { kind: 'v3-record' },
  records: 1,
});

/**
 * Confluent REST v2: `size` JSON Schema records per request, under the registered schema id, each request with an
 * idempotency key of its own (so dedup is on and claims a key every time, but never finds a duplicate).
 */
export const batchRequest = (target: IngestTarget, prefix: string, size: number): LoadRequest => ({
  url: `${target.baseUrl}/kafka/topics/${encodeURIComponent(target.topic)}`,
  method: 'POST',
  headers: {
    'content-type': 'application/vnd.kafka.jsonschema.v2+json',
    authorization: target.authorization,
    'idempotency-key': `${prefix}-{n}`,
  },
  body: JSON.stringify({
    key_schema_id: target.keySchemaId,
    value_schema_id: target.schemaId,
    records: Array.from({ length: size }, (_, index) => ({
      key: `${prefix}-{n}-${index}`,
      value: orderRecord(prefix, index),
    })),
  }),
  check: { kind: 'v2-offsets', records: size },
  records: size,
});
