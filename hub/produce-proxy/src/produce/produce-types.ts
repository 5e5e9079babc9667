import type { DeliveryReport } from '@omnistream/messaging';
import type { ProxyError } from './proxy-error.js';

/** A record's value as a request carried it, before validation. */
export type RecordValue =
  /** A JSON value; `schemaId` set: it goes onto the topic in the Confluent wire format under that schema. */
  | { readonly kind: 'json'; readonly data: unknown; readonly schemaId?: number }
  /** Bytes as given (base64 in the request): wire format or JSON text, checked like the others. */
  | { readonly kind: 'bytes'; readonly data: Uint8Array };

/** One record to produce, in the proxy's own terms: every API version is parsed into this. */
export interface RecordToProduce {
  /** Kafka's null key when absent. */
  readonly key: string | null;
  readonly value: RecordValue;
  readonly partition?: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly timestamp?: Date;
  /** A per-record idempotency key (a record header), beside or instead of the request's. */
  readonly idempotencyKey?: string;
}

/** Where the value went and in which shape: what v3 reports about it. */
export interface ValueReport {
  readonly type: 'JSON' | 'BINARY' | 'JSONSCHEMA';
  readonly size: number;
  readonly schemaId?: number;
  readonly subject?: string;
  readonly schemaVersion?: number;
}

export type RecordOutcome =
  | {
      readonly ok: true;
      readonly report: DeliveryReport;
      readonly key: string | null;
      readonly value: ValueReport;
    }
  | { readonly ok: false; readonly error: ProxyError };

/** A record outcome as stored for dedup and replayed: JSON only. */
export type StoredOutcome =
  | {
      readonly ok: true;
      readonly report: { topic: string; partition: number; offset: string; timestamp: string };
      readonly key: string | null;
      readonly value: ValueReport;
    }
  | { readonly ok: false; readonly errorCode: number; readonly message: string };
