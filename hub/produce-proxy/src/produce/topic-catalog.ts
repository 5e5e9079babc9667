import type { Database } from '@omnistream/event-store';
import {
  compileJsonSchema,
  describeValidationError,
  type JsonSchema,
  type SchemaRegistry,
} from '@omnistream/schema-registry';
import type { TopicRegistry } from '../topics/topic-registry.js';
import type { TopicView } from '../topics/topic-spec.js';
import { PROXY_ERRORS, ProxyError } from './proxy-error.js';

export interface CompiledSchema {
  readonly id: number;
  readonly subject: string;
  readonly version: number;
  readonly schema: JsonSchema;
  /** The problem found, as `<path> <message> (<keyword>)`; undefined when the value fits. */
  readonly problemWith: (value: unknown) => string | undefined;
}

export interface TopicEntry {
  readonly topic: TopicView;
  readonly latest: CompiledSchema;
}

/**
 * What the proxy needs per topic, cached: the registered topic and its subject's latest schema, compiled. A topic
 * is looked up again after `ttlMs`, so a new schema version or more partitions reach a running proxy within it.
 */
export const createTopicCatalog = ({
  db,
  topics,
  registry,
  ttlMs = 5_000,
  now = () => Date.now(),
}: {
  db: Database;
  topics: TopicRegistry;
  registry: SchemaRegistry;
  ttlMs?: number;
  now?: () => number;
}) => {
  const compiled = new Map<string, CompiledSchema>();
  const entries = new Map<string, { at: number; entry: Promise<TopicEntry | undefined> }>();

  const compile = (id: number, subject: string, version: number, text: string): CompiledSchema => {
    const cacheKey = `${subject}\u0000${id}`;
    const known = compiled.get(cacheKey);
    if (known !== undefined) return known;
    const schema = JSON.parse(text) as JsonSchema;
    const validate = compileJsonSchema(schema);
    const entry: CompiledSchema = {
      id,
      subject,
      version,
      schema,
      problemWith: (value) => (validate(value) ? undefined : describeValidationError(validate.errors![0]!)),
    };
    compiled.set(cacheKey, entry);
    return entry;
  };

  const load = async (name: string): Promise<TopicEntry | undefined> => {
    const topic = await topics.get(name);
    if (topic === undefined) return undefined;
    const latest = await registry.version(topic.subject, 'latest');
    return { topic, latest: compile(latest.id, topic.subject, latest.version, latest.schema) };
  };

  return {
    /** The topic, or 404/40401 when it is not registered with the hub. */
    topic: async (name: string): Promise<TopicEntry> => {
      const cached = entries.get(name);
      let entry = cached !== undefined && now() - cached.at < ttlMs ? cached.entry : undefined;
      if (entry === undefined) {
        entry = load(name);
        entries.set(name, { at: now(), entry });
        entry.catch(() => entries.delete(name));
      }
      const found = await entry;
      if (found === undefined)
        throw new ProxyError(
          PROXY_ERRORS.topicNotFound,
          `Topic ${name} not found: register it with PUT /hub/topics/${name} first`,
        );
      return found;
    },
    /** A schema of the topic's subject by id; 42203 when the id is not a version of that subject. */
    schemaOf: async (entry: TopicEntry, id: number): Promise<CompiledSchema> => {
      if (id === entry.latest.id) return entry.latest;
      const known = compiled.get(`${entry.topic.subject}\u0000${id}`);
      if (known !== undefined) return known;
      const [row] = await db.query<{ version: number; schema: string }>(
        `select v.version, s.schema from omnistream.registry_versions v
           join omnistream.registry_schemas s on s.id = v.schema_id
          where v.subject = $1 and v.schema_id = $2 and not v.deleted
          order by v.version desc limit 1`,
        [entry.topic.subject, id],
      );
      if (row === undefined)
        throw new ProxyError(
          PROXY_ERRORS.conversionFailed,
          `Schema ${id} is not a version of subject ${entry.topic.subject}, which topic ${entry.topic.name} follows`,
        );
      return compile(id, entry.topic.subject, Number(row.version), row.schema);
    },
    /** A version of the topic's subject (`latest` or a number). */
    schemaAt: async (entry: TopicEntry, version: number | 'latest'): Promise<CompiledSchema> => {
      if (version === 'latest' || version === entry.latest.version) return entry.latest;
      const found = await registry.version(entry.topic.subject, version).catch(() => undefined);
      if (found === undefined)
        throw new ProxyError(
          PROXY_ERRORS.conversionFailed,
          `Subject ${entry.topic.subject} has no version ${version}`,
        );
      return compile(found.id, entry.topic.subject, found.version, found.schema);
    },
  };
};

export type TopicCatalog = ReturnType<typeof createTopicCatalog>;
