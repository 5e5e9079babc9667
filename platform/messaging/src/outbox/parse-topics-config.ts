import { DomainError } from '@omnistream/kernel';
import type { TopicSpec } from '../bus.js';

/**
 * Topics to provision, as operators write them:
 * `{ "defaults": { "partitions": 6, "replicationFactor": 3, "retentionMs": 604800000 },
 *    "topics": { "orders.order": { "partitions": 12 }, "inventory.stock-item": {} } }`.
 * Without defaults a topic gets 1 partition, replication factor 1 and the broker's retention. Unknown keys fail,
 * so a typo never silently falls back to a default.
 */
export interface TopicsConfigDefaults {
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly retentionMs?: number;
}

const BUILT_IN: TopicsConfigDefaults = { partitions: 1, replicationFactor: 1 };
const SETTING_KEYS = ['partitions', 'replicationFactor', 'retentionMs', 'config'];
/** Kafka's legal topic names (Topic.java): 1-249 of [a-zA-Z0-9._-], and not "." or "..". */
const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

const fail = (path: string, problem: string): never => {
  throw new DomainError('INVALID_TOPICS_CONFIG', `${path} ${problem}`, { path });
};

const record = (value: unknown, path: string): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : fail(path, 'must be an object');

const onlyKeys = (value: Record<string, unknown>, keys: readonly string[], path: string): void => {
  for (const key of Object.keys(value))
    if (!keys.includes(key)) fail(`${path}/${key}`, 'is not a known setting');
};

const positiveInt = (value: unknown, path: string, max: number): number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max
    ? value
    : fail(path, `must be an integer from 1 to ${max}`);

interface Settings {
  partitions?: number;
  replicationFactor?: number;
  retentionMs?: number;
  config?: Record<string, string>;
}

const settings = (raw: unknown, path: string, allowConfig: boolean): Settings => {
  const value = record(raw, path);
  onlyKeys(value, allowConfig ? SETTING_KEYS : SETTING_KEYS.slice(0, 3), path);
  const out: Settings = {};
  if (value.partitions !== undefined)
    out.partitions = positiveInt(value.partitions, `${path}/partitions`, 10_000);
  if (value.replicationFactor !== undefined)
    out.replicationFactor = positiveInt(value.replicationFactor, `${path}/replicationFactor`, 32);
  if (value.retentionMs !== undefined)
    out.retentionMs = positiveInt(value.retentionMs, `${path}/retentionMs`, Number.MAX_SAFE_INTEGER);
  if (value.config !== undefined) {
    const config = record(value.config, `${path}/config`);
    for (const [key, entry] of Object.entries(config))
      if (typeof entry !== 'string')
        fail(`${path}/config/${key}`, 'must be a string (as Kafka takes topic configs)');
    out.config = config as Record<string, string>;
  }
  return out;
};

/** Parses and checks a topics configuration; the result is frozen. Errors name the JSON path at fault. */
export const parseTopicsConfig = (input: unknown): readonly TopicSpec[] => {
  const root = record(input, '');
  onlyKeys(root, ['defaults', 'topics'], '');
  const defaults = {
    ...BUILT_IN,
    ...(root.defaults === undefined ? {} : settings(root.defaults, '/defaults', false)),
  };
  const topics = record(root.topics ?? {}, '/topics');
  return Object.freeze(
    Object.entries(topics).map(([name, raw]) => {
      const path = `/topics/${name}`;
      if (!TOPIC_NAME.test(name) || name === '.' || name === '..')
        fail(path, 'is not a legal topic name (1-249 of letters, digits, ".", "_", "-")');
      const own = settings(raw ?? {}, path, true);
      const retentionMs = own.retentionMs ?? defaults.retentionMs;
      return Object.freeze({
        name,
        partitions: own.partitions ?? defaults.partitions,
        replicationFactor: own.replicationFactor ?? defaults.replicationFactor,
        ...(retentionMs === undefined ? {} : { retentionMs }),
        ...(own.config === undefined ? {} : { config: Object.freeze({ ...own.config }) }),
      });
    }),
  );
};
