import type { Bus, OutgoingMessage } from '@omnistream/messaging';
import { encodeWireFormat } from '@omnistream/schema-registry';
import {
  sensitiveLocations,
  type LocatedRecord,
  type SensitiveLocation,
  type TokenVault,
} from '@omnistream/tokenization';
import { coalesceCalls } from './coalesce-calls.js';
import { fingerprintOf, type DedupStore } from '@omnistream/dedup';
import { isDomainError } from '@omnistream/kernel';
import { matchesAny } from '../api-keys/topic-pattern.js';
import type { ApiKeyPrincipal } from '../api-keys/authenticate-api-key.js';
import { PROXY_ERRORS, ProxyError } from './proxy-error.js';
import type { RateLimiter } from './rate-limiter.js';
import type { CompiledSchema, TopicCatalog, TopicEntry } from './topic-catalog.js';
import { topicSensitiveLocations } from './topic-sensitive-locations.js';
import type { RecordOutcome, RecordToProduce, StoredOutcome, ValueReport } from './produce-types.js';

/** Headers the proxy adds to every record it publishes, for event history (hub/event-history reads them). */
export const PROXY_HOP_HEADERS = { hop: 'omnistream-hop', component: 'omnistream-hop-component' } as const;
/** The record header that names the data subject whose key seals the record's tokens. */
export const DATA_SUBJECT_HEADER = 'data-subject';
/** The record header of a per-record idempotency key. */
export const RECORD_IDEMPOTENCY_HEADER = 'idempotency-key';

export interface ProduceDependencies {
  readonly bus: Bus;
  readonly catalog: TopicCatalog;
  readonly rateLimiter: RateLimiter;
  /** Absent: records with sensitive fields are refused (503), never sent in the clear. */
  readonly vault?: TokenVault;
  /** Absent: idempotency keys are refused (a client must not believe it is protected when it is not). */
  readonly dedup?: DedupStore;
}

export interface ProduceRequest {
  readonly principal: ApiKeyPrincipal;
  readonly topic: string;
  readonly records: readonly RecordToProduce[];
  /** The request's Idempotency-Key: a repeat of the same request within the window gets the first answer. */
  readonly idempotencyKey?: string;
  /** What makes a repeat "the same request" (its body, canonicalised); required with an idempotency key. */
  readonly fingerprintOf?: unknown;
  /** v2: one record the proxy refuses refuses the request, and nothing is published. */
  readonly allOrNothing?: boolean;
  /** The data subject of records without a `data-subject` header (the request's `Omnistream-Data-Subject`). */
  readonly dataSubject?: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

const toStored = (outcome: RecordOutcome): StoredOutcome =>
  outcome.ok
    ? {
        ok: true,
        report: { ...outcome.report, timestamp: outcome.report.timestamp.toISOString() },
        key: outcome.key,
        value: outcome.value,
      }
    : { ok: false, errorCode: outcome.error.errorCode, message: outcome.error.message };

const fromStored = (stored: StoredOutcome): RecordOutcome =>
  stored.ok
    ? {
        ok: true,
        report: { ...stored.report, timestamp: new Date(stored.report.timestamp) },
        key: stored.key,
        value: stored.value,
      }
    : { ok: false, error: new ProxyError(stored.errorCode, stored.message) };

const dedupError = (kind: 'in_progress' | 'reused', key: string): ProxyError =>
  kind === 'in_progress'
    ? new ProxyError(40901, `Idempotency key ${key} is in use by a request still in flight; retry shortly`)
    : new ProxyError(
        PROXY_ERRORS.payloadError,
        `Idempotency key ${key} was used for a different payload; use a new key for a new payload`,
      );

/** A checked value: JSON (with the schema it follows) or bytes that are wire format or JSON text. */
interface CheckedValue {
  readonly json: unknown;
  readonly schema: CompiledSchema;
  /** Whether it goes out in the Confluent wire format (a schema format, or bytes that came that way). */
  readonly wire: boolean;
  readonly type: ValueReport['type'];
}

/**
 * The produce path shared by every API version: permission, rate limit, topic, schema validation per record,
 * tokenization, deduplication, and one publish onto the bus. Answers one outcome per record, in order.
 */
export const createProducer = ({ bus, catalog, rateLimiter, vault, dedup }: ProduceDependencies) => {
  // Concurrent requests tokenize in one transaction: one commit for all of them (coalesceCalls).
  const tokenizeMany =
    vault === undefined
      ? undefined
      : coalesceCalls((records: readonly LocatedRecord[]) => vault.tokenizeMany(records));
  const checkValue = async (entry: TopicEntry, record: RecordToProduce): Promise<CheckedValue> => {
    const { value } = record;
    if (value.kind === 'json') {
      const schema =
        value.schemaId === undefined ? entry.latest : await catalog.schemaOf(entry, value.schemaId);
      const problem = schema.problemWith(value.data);
      if (problem !== undefined)
        throw new ProxyError(
          PROXY_ERRORS.conversionFailed,
          `Value does not follow schema ${schema.id} (subject ${schema.subject} version ${schema.version}): ${problem}`,
        );
      return {
        json: value.data,
        schema,
        wire: value.schemaId !== undefined,
        type: value.schemaId === undefined ? 'JSON' : 'JSONSCHEMA',
      };
    }
    const bytes = value.data;
    const wire = bytes.length >= 5 && bytes[0] === 0;
    let json: unknown;
    try {
      json = JSON.parse(decoder.decode(wire ? bytes.subarray(5) : bytes));
    } catch {
      throw new ProxyError(
        PROXY_ERRORS.conversionFailed,
        `Topic ${entry.topic.name} takes JSON values following subject ${entry.topic.subject}: this binary value is neither JSON text nor the wire format with JSON`,
      );
    }
    const schemaId = wire ? Buffer.from(bytes.buffer, bytes.byteOffset + 1, 4).readUInt32BE(0) : undefined;
    const schema = schemaId === undefined ? entry.latest : await catalog.schemaOf(entry, schemaId);
    const problem = schema.problemWith(json);
    if (problem !== undefined)
      throw new ProxyError(
        PROXY_ERRORS.conversionFailed,
        `Value does not follow schema ${schema.id}: ${problem}`,
      );
    return { json, schema, wire, type: 'BINARY' };
  };

  const locate = (entry: TopicEntry, checked: CheckedValue): SensitiveLocation[] => {
    const fromSchema = sensitiveLocations(checked.schema.schema as Record<string, unknown>, checked.json);
    const fromTopic = topicSensitiveLocations(entry.topic.sensitiveFields, checked.json);
    const seen = new Set(fromSchema.map((l) => JSON.stringify(l.path)));
    return [...fromSchema, ...fromTopic.filter((l) => !seen.has(JSON.stringify(l.path)))];
  };

  /** Validates, tokenizes and publishes the records that are still to go; outcomes by index. */
  const publishRecords = async (
    principal: ApiKeyPrincipal,
    entry: TopicEntry,
    records: readonly RecordToProduce[],
    subjectFallback: string | undefined,
    allOrNothing: boolean,
  ): Promise<RecordOutcome[]> => {
    const outcomes: (RecordOutcome | undefined)[] = records.map(() => undefined);
    const checked: { index: number; value: CheckedValue; locations: SensitiveLocation[] }[] = [];
    for (const [index, record] of records.entries()) {
      try {
        if (record.partition !== undefined && record.partition >= entry.topic.partitions)
          throw new ProxyError(
            PROXY_ERRORS.partitionNotFound,
            `Partition ${record.partition} of topic ${entry.topic.name} not found: it has ${entry.topic.partitions} (0 to ${entry.topic.partitions - 1})`,
          );
        const value = await checkValue(entry, record);
        checked.push({ index, value, locations: locate(entry, value) });
      } catch (error) {
        if (error instanceof ProxyError) outcomes[index] = { ok: false, error };
        else if (isDomainError(error))
          outcomes[index] = { ok: false, error: new ProxyError(PROXY_ERRORS.payloadError, error.message) };
        else throw error;
      }
    }
    if (allOrNothing) {
      const refused = outcomes.findIndex((o) => o !== undefined && !o.ok);
      const outcome = outcomes[refused];
      if (outcome !== undefined && !outcome.ok)
        throw new ProxyError(outcome.error.errorCode, `Record ${refused}: ${outcome.error.message}`);
    }
    if (checked.length > 0) {
      let values: unknown[];
      if (checked.some((c) => c.locations.length > 0)) {
        if (tokenizeMany === undefined)
          throw new ProxyError(
            50301,
            `Topic ${entry.topic.name} has sensitive fields and this deployment has no token vault: set OMNISTREAM_TOKENIZATION_MASTER_KEY`,
          );
        values = await tokenizeMany(
          checked.map(({ index, value, locations }) => {
            const record = records[index]!;
            return {
              subjectId:
                record.headers[DATA_SUBJECT_HEADER] ??
                subjectFallback ??
                record.key ??
                `topic:${entry.topic.name}`,
              value: value.json,
              locations,
            };
          }),
        );
      } else values = checked.map((c) => c.value.json);
      const messages: OutgoingMessage[] = checked.map(({ index, value }, i) => {
        const record = records[index]!;
        const text = encoder.encode(JSON.stringify(values[i]));
        return {
          topic: entry.topic.name,
          key: record.key,
          value: value.wire ? encodeWireFormat(value.schema.id, text) : text,
          headers: {
            ...record.headers,
            [PROXY_HOP_HEADERS.hop]: 'proxy',
            [PROXY_HOP_HEADERS.component]: principal.key,
          },
          ...(record.partition === undefined ? {} : { partition: record.partition }),
          ...(record.timestamp === undefined ? {} : { timestamp: record.timestamp }),
        };
      });
      try {
        const reports = await bus.publish(messages);
        checked.forEach(({ index, value }, i) => {
          outcomes[index] = {
            ok: true,
            report: reports[i]!,
            key: records[index]!.key,
            value: {
              type: value.type,
              size: messages[i]!.value.byteLength,
              ...(value.wire
                ? {
                    schemaId: value.schema.id,
                    subject: value.schema.subject,
                    schemaVersion: value.schema.version,
                  }
                : {}),
            },
          };
        });
      } catch (error) {
        const failure = new ProxyError(
          PROXY_ERRORS.retriableBrokerError,
          `The broker did not take the record (${error instanceof Error ? error.message : String(error)}); retry it`,
        );
        for (const { index } of checked) outcomes[index] = { ok: false, error: failure };
      }
    }
    return outcomes.map((o) => o!);
  };

  /** Records with their own idempotency keys: duplicates answered from the store, the rest published. */
  const publishDeduplicated = async (
    request: ProduceRequest,
    entry: TopicEntry,
    subjectFallback: string | undefined,
  ): Promise<RecordOutcome[]> => {
    const { principal, records } = request;
    const keyed = records.flatMap((record, index) =>
      record.idempotencyKey === undefined ? [] : [{ index, key: record.idempotencyKey }],
    );
    if (keyed.length === 0)
      return publishRecords(principal, entry, records, subjectFallback, request.allOrNothing === true);
    if (dedup === undefined)
      throw new ProxyError(
        50301,
        'Deduplication is not available in this deployment; send the records without idempotency keys',
      );
    const scope = `${principal.key}/${entry.topic.name}`;
    const claims = await dedup.claimMany(
      scope,
      keyed.map(({ index, key }) => ({
        key,
        fingerprint: fingerprintOf(recordFingerprint(records[index]!)),
      })),
    );
    const outcomes: (RecordOutcome | undefined)[] = records.map(() => undefined);
    const toPublish: number[] = [];
    const held = new Map<number, string>();
    records.forEach((_, index) => {
      const k = keyed.findIndex((entry) => entry.index === index);
      if (k < 0) return toPublish.push(index);
      const claim = claims[k]!;
      const key = keyed[k]!.key;
      if (claim.kind === 'first') {
        held.set(index, key);
        toPublish.push(index);
      } else if (claim.kind === 'duplicate') outcomes[index] = fromStored(claim.answer as StoredOutcome);
      else outcomes[index] = { ok: false, error: dedupError(claim.kind, key) };
      return undefined;
    });
    let published: RecordOutcome[];
    try {
      published = await publishRecords(
        principal,
        entry,
        toPublish.map((i) => records[i]!),
        subjectFallback,
        request.allOrNothing === true,
      );
    } catch (error) {
      await dedup.releaseMany(scope, [...held.values()]);
      throw error;
    }
    const done: { key: string; answer: unknown }[] = [];
    const failed: string[] = [];
    toPublish.forEach((index, i) => {
      const outcome = published[i]!;
      outcomes[index] = outcome;
      const key = held.get(index);
      if (key === undefined) return;
      // A refused record is answered again the same way; one the broker did not take may be retried with its key.
      if (outcome.ok || outcome.error.status < 500) done.push({ key, answer: toStored(outcome) });
      else failed.push(key);
    });
    await Promise.all([dedup.completeMany(scope, done), dedup.releaseMany(scope, failed)]);
    return outcomes.map((o) => o!);
  };

  return {
    /** Permission and rate limit: checked first, before the topic is even looked up. */
    admit: (principal: ApiKeyPrincipal, topic: string): void => {
      if (!matchesAny(principal.produce, topic))
        throw new ProxyError(
          PROXY_ERRORS.forbidden,
          `API key ${principal.key} may not produce to topic ${topic}`,
        );
      if (principal.requestsPerSecond !== null) {
        const taken = rateLimiter.take(principal.key, principal.requestsPerSecond);
        if (!taken.ok)
          throw new ProxyError(
            PROXY_ERRORS.throttled,
            `API key ${principal.key} is over its rate of ${principal.requestsPerSecond} requests a second; retry after ${taken.retryAfterSeconds} s`,
            taken.retryAfterSeconds,
          );
      }
    },
    topic: (name: string) => catalog.topic(name),
    /**
     * Produces the request's records: one outcome per record, in order. With a request idempotency key, a repeat of
     * the same request within the window answers the first outcomes and publishes nothing.
     */
    produce: async (request: ProduceRequest): Promise<RecordOutcome[]> => {
      const subjectFallback = request.dataSubject;
      const entry = await catalog.topic(request.topic);
      if (request.idempotencyKey === undefined) return publishDeduplicated(request, entry, subjectFallback);
      if (dedup === undefined)
        throw new ProxyError(
          50301,
          'Deduplication is not available in this deployment; send the request without Idempotency-Key',
        );
      const scope = `${request.principal.key}/${entry.topic.name}`;
      const key = request.idempotencyKey;
      const claim = await dedup.claimMany(scope, [
        { key, fingerprint: fingerprintOf(request.fingerprintOf ?? null) },
      ]);
      const first = claim[0]!;
      if (first.kind === 'duplicate') return (first.answer as StoredOutcome[]).map(fromStored);
      if (first.kind !== 'first') throw dedupError(first.kind, key);
      let outcomes: RecordOutcome[];
      try {
        outcomes = await publishDeduplicated(request, entry, subjectFallback);
      } catch (error) {
        await dedup.releaseMany(scope, [key]);
        throw error;
      }
      // Stored only when nothing failed at the broker: a retry after a broker failure must publish again.
      if (outcomes.some((o) => !o.ok && o.error.status >= 500)) await dedup.releaseMany(scope, [key]);
      else await dedup.completeMany(scope, [{ key, answer: outcomes.map(toStored) }]);
      return outcomes;
    },
  };
};

/** What a per-record idempotency key protects: the record's content, as the client sent it. */
const recordFingerprint = (record: RecordToProduce) => ({
  key: record.key,
  partition: record.partition ?? null,
  value:
    record.value.kind === 'json'
      ? { json: record.value.data, schemaId: record.value.schemaId ?? null }
      : { bytes: Buffer.from(record.value.data).toString('base64') },
});

export type Producer = ReturnType<typeof createProducer>;
