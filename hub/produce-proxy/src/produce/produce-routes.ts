import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDomainError } from '@omnistream/kernel';
import {
  compileJsonSchema,
  describeValidationError,
  type JsonSchema,
  type SchemaRegistry,
} from '@omnistream/schema-registry';
import type { ApiKeyAuthenticator, ApiKeyPrincipal } from '../api-keys/authenticate-api-key.js';
import { parseV2Body, v2FormatOf, v2Records } from './parse-v2.js';
import { parseV3Record, type V3Record } from './parse-v3.js';
import type { RecordOutcome, RecordToProduce } from './produce-types.js';
import type { Producer } from './produce-records.js';
import { PROXY_ERRORS, ProxyError, isProxyError } from './proxy-error.js';
import { splitJsonStream } from './split-json-stream.js';
import type { TopicEntry } from './topic-catalog.js';
import type { TopicCatalog } from './topic-catalog.js';

export interface ProduceRoutesOptions {
  readonly producer: Producer;
  readonly catalog: TopicCatalog;
  readonly registry: SchemaRegistry;
  readonly authenticate: ApiKeyAuthenticator;
  /** What `GET /v3/clusters` lists and v3 paths must name. */
  readonly clusterId: string;
  /** Most entries in one `records:batch`. Defaults to 1000. */
  readonly maxBatchEntries?: number;
}

const V2_ANSWER = 'application/vnd.kafka.v2+json';
/** One v3 record's JSON, at most (the body limit of every other route). */
const MAX_RECORD_CHARS = 1024 * 1024;
const IDEMPOTENCY_KEY = 'idempotency-key';
const DATA_SUBJECT = 'omnistream-data-subject';

const headerOf = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text.trim() === '' ? undefined : text.trim();
};

/** Anything thrown on the way, as the REST Proxy answers it. */
const asProxyError = (error: unknown): ProxyError => {
  if (isProxyError(error)) return error;
  if (isDomainError(error)) {
    if (error.code === 'UNAUTHENTICATED') return new ProxyError(PROXY_ERRORS.unauthenticated, error.message);
    return new ProxyError(PROXY_ERRORS.payloadError, error.message);
  }
  const status = (error as { statusCode?: number }).statusCode;
  if (status === 400 || status === 413 || status === 415)
    return new ProxyError(status, error instanceof Error ? error.message : String(error));
  return new ProxyError(
    50001,
    'The proxy failed on this request; it is logged. Retry it, and tell the operators if it persists',
  );
};

const sendError = (reply: FastifyReply, error: ProxyError, contentType = 'application/json') => {
  if (error.retryAfter !== undefined) void reply.header('retry-after', String(error.retryAfter));
  return reply.code(error.status).type(contentType).send(error.toJSON());
};

/** A record outcome as v3 reports it. */
const v3Report = (clusterId: string, topic: string, outcome: RecordOutcome, keyType?: string) =>
  outcome.ok
    ? {
        error_code: 200,
        cluster_id: clusterId,
        topic_name: topic,
        partition_id: outcome.report.partition,
        offset: Number(outcome.report.offset),
        timestamp: outcome.report.timestamp.toISOString(),
        ...(outcome.key === null
          ? {}
          : { key: { type: keyType ?? 'STRING', size: Buffer.byteLength(outcome.key, 'utf8') } }),
        value: {
          type: outcome.value.type,
          ...(outcome.value.subject === undefined ? {} : { subject: outcome.value.subject }),
          ...(outcome.value.schemaId === undefined ? {} : { schema_id: outcome.value.schemaId }),
          ...(outcome.value.schemaVersion === undefined
            ? {}
            : { schema_version: outcome.value.schemaVersion }),
          size: outcome.value.size,
        },
      }
    : outcome.error.toJSON();

/**
 * The Confluent REST Proxy produce API (CONTRACTS.md): v2 `POST /topics/{topic}[/partitions/{p}]`, v3
 * `POST /v3/clusters/{cluster}/topics/{topic}/records` (one record, or streaming), `records:batch`, and
 * `GET /v3/clusters`. Register under `/kafka`. Errors are Confluent's `{error_code, message}`, never problem details.
 */
export const produceRoutes = async (app: FastifyInstance, options: ProduceRoutesOptions): Promise<void> => {
  const { producer, catalog, registry, authenticate, clusterId } = options;
  const maxBatchEntries = options.maxBatchEntries ?? 1000;

  const principalOf = async (request: FastifyRequest): Promise<ApiKeyPrincipal> => {
    try {
      return await authenticate(request.headers.authorization);
    } catch (error) {
      throw asProxyError(error);
    }
  };
  const checkCluster = (cluster: string) => {
    if (cluster !== clusterId)
      throw new ProxyError(40401, `Cluster ${cluster} not found: this proxy serves cluster ${clusterId}`);
  };

  /** A v3 record's value in the proxy's terms: a named schema is resolved within the topic's subject. */
  const v3ToProduce = async (entry: TopicEntry, parsed: V3Record): Promise<RecordToProduce> => {
    const { value } = parsed;
    if (value.kind !== 'schema') return { ...parsed.record, value };
    if (value.subject !== undefined && value.subject !== entry.topic.subject)
      throw new ProxyError(
        PROXY_ERRORS.conversionFailed,
        `Topic ${entry.topic.name} follows subject ${entry.topic.subject}, not ${value.subject}`,
      );
    const schema =
      value.ref.by === 'id'
        ? await catalog.schemaOf(entry, value.ref.id)
        : await catalog.schemaAt(entry, value.ref.version);
    return { ...parsed.record, value: { kind: 'json', data: value.data, schemaId: schema.id } };
  };

  await app.register(async (scope) => {
    scope.setErrorHandler((error, _request, reply) => {
      const proxyError = asProxyError(error);
      if (proxyError.errorCode === 50001) scope.log.error({ err: error }, 'produce request failed');
      return sendError(reply, proxyError);
    });
    // v2 bodies: every embedded format is JSON; Fastify must not refuse their content types.
    scope.addContentTypeParser(
      /^application\/vnd\.kafka\.[a-z]+\.v2\+json/,
      { parseAs: 'string' },
      (_req, body, done) => {
        try {
          done(null, JSON.parse(body as string));
        } catch {
          done(new ProxyError(400, 'The body is not valid JSON'), undefined);
        }
      },
    );

    const v2 = async (
      request: FastifyRequest<{ Params: { topic: string; partition?: string } }>,
      reply: FastifyReply,
    ) => {
      const principal = await principalOf(request);
      const { topic } = request.params;
      producer.admit(principal, topic);
      const format = v2FormatOf(request.headers['content-type']);
      if (format === undefined)
        throw new ProxyError(
          415,
          `Unsupported content type ${request.headers['content-type'] ?? '(none)'}: use application/vnd.kafka.{json,jsonschema,binary}.v2+json`,
        );
      const body = parseV2Body(format, request.body);
      const entry = await producer.topic(topic);
      let pathPartition: number | undefined;
      if (request.params.partition !== undefined) {
        pathPartition = Number(request.params.partition);
        if (!/^\d+$/.test(request.params.partition) || pathPartition >= entry.topic.partitions)
          throw new ProxyError(
            PROXY_ERRORS.partitionNotFound,
            `Partition ${request.params.partition} of topic ${topic} not found`,
          );
      }
      let valueSchemaId: number | undefined;
      let keySchema: { id: number; problemWith: (v: unknown) => string | undefined } | undefined;
      if (format === 'jsonschema') {
        valueSchemaId =
          body.valueSchemaId ??
          (body.valueSchemaText === undefined
            ? undefined
            : await lookupId(entry.topic.subject, body.valueSchemaText, 42202));
        if (valueSchemaId === undefined)
          throw new ProxyError(
            PROXY_ERRORS.valueSchemaMissing,
            'Request includes values but no value_schema or value_schema_id',
          );
        const hasKeys = body.records.some((r) => r.key !== undefined && r.key !== null);
        const keySchemaId =
          body.keySchemaId ??
          (body.keySchemaText === undefined ? undefined : await lookupAny(body.keySchemaText));
        if (hasKeys && keySchemaId === undefined)
          throw new ProxyError(
            PROXY_ERRORS.keySchemaMissing,
            'Request includes keys but no key_schema or key_schema_id',
          );
        if (keySchemaId !== undefined) keySchema = await keySchemaOf(keySchemaId);
      }
      const valueSchema =
        valueSchemaId === undefined ? undefined : await catalog.schemaOf(entry, valueSchemaId);
      const records = v2Records(
        body,
        {
          ...(valueSchema === undefined ? {} : { value: valueSchema }),
          ...(keySchema === undefined ? {} : { key: keySchema }),
        },
        pathPartition,
      );
      const idempotencyKey = headerOf(request, IDEMPOTENCY_KEY);
      const dataSubject = headerOf(request, DATA_SUBJECT);
      const outcomes = await producer.produce({
        principal,
        topic,
        records,
        allOrNothing: true,
        ...(idempotencyKey === undefined
          ? {}
          : {
              idempotencyKey,
              fingerprintOf: { body: request.body, partition: pathPartition ?? null, format },
            }),
        ...(dataSubject === undefined ? {} : { dataSubject }),
      });
      return reply.type(V2_ANSWER).send({
        offsets: outcomes.map((o) =>
          o.ok
            ? {
                partition: o.report.partition,
                offset: Number(o.report.offset),
                error_code: null,
                error: null,
              }
            : { partition: null, offset: null, error_code: o.error.errorCode, error: o.error.message },
        ),
        key_schema_id: keySchema?.id ?? null,
        value_schema_id: valueSchemaId ?? null,
      });
    };

    const lookupId = async (subject: string, text: string, code: number): Promise<number> => {
      try {
        return (await registry.lookup(subject, { schema: text, schemaType: 'JSON' })).id;
      } catch {
        throw new ProxyError(
          code,
          `That schema is not registered under subject ${subject}: register it first, then send its id`,
        );
      }
    };
    const lookupAny = async (text: string): Promise<number> => {
      // A key schema belongs to no topic subject here: it must be registered under some subject first.
      for (const subject of await registry.subjects()) {
        const found = await registry
          .lookup(subject, { schema: text, schemaType: 'JSON' })
          .catch(() => undefined);
        if (found !== undefined) return found.id;
      }
      throw new ProxyError(
        PROXY_ERRORS.keySchemaMissing,
        'That key schema is not registered: register it first, then send its id',
      );
    };
    const keySchemas = new Map<number, { id: number; problemWith: (v: unknown) => string | undefined }>();
    const keySchemaOf = async (id: number) => {
      const known = keySchemas.get(id);
      if (known !== undefined) return known;
      const found = await registry.schema(id).catch(() => undefined);
      if (found === undefined)
        throw new ProxyError(PROXY_ERRORS.keySchemaMissing, `Key schema ${id} not found`);
      const validate = compileJsonSchema(JSON.parse(found.schema) as JsonSchema);
      const entry = {
        id,
        problemWith: (v: unknown) =>
          validate(v) ? undefined : describeValidationError(validate.errors![0]!),
      };
      keySchemas.set(id, entry);
      return entry;
    };

    scope.post(
      '/topics/:topic',
      { schema: { summary: 'Produce records (REST Proxy v2)', tags: ['kafka rest proxy'], hide: false } },
      v2,
    );
    scope.post(
      '/topics/:topic/partitions/:partition',
      { schema: { summary: 'Produce records to one partition (REST Proxy v2)', tags: ['kafka rest proxy'] } },
      v2,
    );

    scope.get(
      '/v3/clusters',
      { schema: { summary: 'The cluster (REST Proxy v3)', tags: ['kafka rest proxy'] } },
      async (request) => {
        await principalOf(request);
        return {
          kind: 'KafkaClusterList',
          metadata: { self: '/kafka/v3/clusters', next: null },
          data: [
            {
              kind: 'KafkaCluster',
              metadata: { self: `/kafka/v3/clusters/${clusterId}` },
              cluster_id: clusterId,
            },
          ],
        };
      },
    );

    scope.post<{ Params: { cluster: string; topic: string }; Body: unknown }>(
      '/v3/clusters/:cluster/topics/:topic/records:batch',
      { schema: { summary: 'Produce a batch of records (REST Proxy v3)', tags: ['kafka rest proxy'] } },
      async (request, reply) => {
        const principal = await principalOf(request);
        checkCluster(request.params.cluster);
        const { topic } = request.params;
        producer.admit(principal, topic);
        const body = request.body as { entries?: unknown } | null;
        const entries = body !== null && typeof body === 'object' ? body.entries : undefined;
        if (!Array.isArray(entries) || entries.length === 0)
          throw new ProxyError(
            PROXY_ERRORS.batchError,
            'A batch needs a non-empty "entries" array of {id, ...record}',
          );
        if (entries.length > maxBatchEntries)
          throw new ProxyError(
            PROXY_ERRORS.batchError,
            `A batch holds at most ${maxBatchEntries} entries; this one has ${entries.length}`,
          );
        const ids = entries.map((e: unknown) =>
          e !== null && typeof e === 'object' ? (e as { id?: unknown }).id : undefined,
        );
        if (ids.some((id) => typeof id !== 'string' || id === ''))
          throw new ProxyError(PROXY_ERRORS.batchError, 'Every entry needs an "id" (a non-empty string)');
        if (new Set(ids).size !== ids.length)
          throw new ProxyError(PROXY_ERRORS.batchError, 'Entry ids must be unique within a batch');
        const entry = await producer.topic(topic);
        const failures: { id: string; error_code: number; message: string }[] = [];
        const toProduce: { id: string; record: RecordToProduce; keyType?: string }[] = [];
        for (const [i, raw] of entries.entries()) {
          const id = ids[i] as string;
          try {
            const parsed = parseV3Record(raw, `Entry ${id}`, ['id']);
            toProduce.push({
              id,
              record: await v3ToProduce(entry, parsed),
              ...(parsed.keyType === undefined ? {} : { keyType: parsed.keyType }),
            });
          } catch (error) {
            const e = asProxyError(error);
            failures.push({ id, error_code: e.errorCode, message: e.message });
          }
        }
        const idempotencyKey = headerOf(request, IDEMPOTENCY_KEY);
        const dataSubject = headerOf(request, DATA_SUBJECT);
        const outcomes =
          toProduce.length === 0
            ? []
            : await producer.produce({
                principal,
                topic,
                records: toProduce.map((p) => p.record),
                ...(idempotencyKey === undefined ? {} : { idempotencyKey, fingerprintOf: request.body }),
                ...(dataSubject === undefined ? {} : { dataSubject }),
              });
        const successes: unknown[] = [];
        outcomes.forEach((outcome, i) => {
          const { id, keyType } = toProduce[i]!;
          if (outcome.ok) successes.push({ id, ...v3Report(clusterId, topic, outcome, keyType) });
          else failures.push({ id, error_code: outcome.error.errorCode, message: outcome.error.message });
        });
        return reply.code(207).send({ successes, failures });
      },
    );

    // One record, or streaming mode: the body is read as it arrives, and a report goes back per record.
    await scope.register((records) => {
      records.removeAllContentTypeParsers();
      records.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
      records.post<{ Params: { cluster: string; topic: string } }>(
        '/v3/clusters/:cluster/topics/:topic/records',
        {
          schema: {
            summary: 'Produce a record, or stream records (REST Proxy v3)',
            tags: ['kafka rest proxy'],
          },
        },
        async (request, reply) => {
          const principal = await principalOf(request);
          checkCluster(request.params.cluster);
          const { topic } = request.params;
          const idempotencyKey = headerOf(request, IDEMPOTENCY_KEY);
          const dataSubject = headerOf(request, DATA_SUBJECT);
          const produceOne = async (raw: unknown): Promise<{ outcome: RecordOutcome; keyType?: string }> => {
            producer.admit(principal, topic);
            const entry = await producer.topic(topic);
            const parsed = parseV3Record(raw);
            const record = await v3ToProduce(entry, parsed);
            const [outcome] = await producer.produce({
              principal,
              topic,
              records: [record],
              ...(idempotencyKey === undefined ? {} : { idempotencyKey, fingerprintOf: raw }),
              ...(dataSubject === undefined ? {} : { dataSubject }),
            });
            return {
              outcome: outcome!,
              ...(parsed.keyType === undefined ? {} : { keyType: parsed.keyType }),
            };
          };
          const stream = request.body as NodeJS.ReadableStream;
          const streaming = request.headers['content-length'] === undefined;
          if (!streaming) {
            let text = '';
            for await (const chunk of stream) {
              text += chunk.toString();
              if (text.length > MAX_RECORD_CHARS)
                throw new ProxyError(413, `A record may be at most ${MAX_RECORD_CHARS} characters of JSON`);
            }
            let raw: unknown;
            try {
              raw = JSON.parse(text);
            } catch {
              throw new ProxyError(400, 'The body is not valid JSON');
            }
            const { outcome, keyType } = await produceOne(raw);
            if (!outcome.ok) return sendError(reply, outcome.error);
            return reply.send(v3Report(clusterId, topic, outcome, keyType));
          }
          // Streaming: concatenated JSON records in, one report per record out, in order, each with its error_code.
          reply.hijack();
          reply.raw.writeHead(200, { 'content-type': 'application/json' });
          try {
            for await (const raw of splitJsonStream(stream, MAX_RECORD_CHARS)) {
              let report: unknown;
              try {
                if (raw instanceof Error) throw new ProxyError(400, raw.message);
                const { outcome, keyType } = await produceOne(raw);
                report = v3Report(clusterId, topic, outcome, keyType);
              } catch (error) {
                const e = asProxyError(error);
                if (e.errorCode === 50001) request.log.error({ err: error }, 'produce request failed');
                report = e.toJSON();
              }
              reply.raw.write(`${JSON.stringify(report)}\n`);
              if (raw instanceof Error) break;
            }
          } finally {
            reply.raw.end();
          }
          return reply;
        },
      );
      return Promise.resolve();
    });
  });
};
