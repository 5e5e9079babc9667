import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { kafkaBusOptionsFromEnv } from '@omnistream/messaging/kafka';
import { ConfigError } from './parse-config.js';

export type Environment = Readonly<Record<string, string | undefined>>;

/** Every variable the server reads, and what it sets. */
export const ENVIRONMENT_VARIABLES: Readonly<Record<string, string>> = {
  PORT: 'http.port: port to listen on (default 3000; 0 picks a free one)',
  OMNISTREAM_TOKENIZATION_MASTER_KEY:
    'hub.tokenization.masterKeyHex: the token vault master key, 64 hex characters (no key: sensitive records are refused)',
  OMNISTREAM_TOKENIZATION_DETERMINISTIC_FIELDS:
    'hub.tokenization.deterministicFields: comma-separated fields given the same token for the same value',
  OMNISTREAM_TOKENIZATION_POLICIES_FILE:
    'hub.tokenization.policies: JSON file of detokenize policies per consumer (API key name)',
  OMNISTREAM_HUB_CLUSTER_ID: 'hub.clusterId: the cluster id of the REST Proxy v3 API (default omnistream)',
  OMNISTREAM_EVENT_HISTORY_RETENTION_MS:
    'hub.eventHistoryRetentionMs: how long event history keeps an event (default 7 days)',
  OMNISTREAM_DEDUP_WINDOW_MS: 'hub.dedupWindowMs: how long producer idempotency keys hold (default 24 h)',
  HOST: 'http.host: address to listen on (default 0.0.0.0)',
  LOG_LEVEL: 'log.level: fatal, error, warn, info (default), debug, trace or silent',
  OMNISTREAM_DATA_DIR: 'database.dataDir: folder of the embedded PGlite database (default ./data)',
  OMNISTREAM_DATABASE_URL: 'database.url: a PostgreSQL server to use instead of PGlite (postgres://...)',
  OMNISTREAM_CONTRACTS_DIR:
    "contracts.dir: folder of public event contracts registered at start (default: the repository's contracts/)",
  OMNISTREAM_SHUTDOWN_TIMEOUT_MS:
    'shutdownTimeoutMs: how long in-flight requests may take after SIGTERM (default 10000)',
  OMNISTREAM_KAFKA_BROKERS: 'bus: Apache Kafka instead of the in-process bus, host:port[,host:port...]',
  OMNISTREAM_KAFKA_CLIENT_ID: 'bus.clientId: client id prefix on the brokers (default omnistream)',
  OMNISTREAM_KAFKA_NAMESPACE:
    'bus.namespace: prefix of every topic and consumer group, for several deployments on one cluster',
  OMNISTREAM_KAFKA_TLS: 'bus.tls: true to connect with TLS (default false)',
  OMNISTREAM_KAFKA_TLS_CA_FILE: 'bus.tlsCaFile: PEM file of the CA that signed the brokers (implies TLS)',
  OMNISTREAM_KAFKA_SASL_MECHANISM: 'bus.sasl.mechanism: plain, scram-sha-256 or scram-sha-512',
  OMNISTREAM_KAFKA_SASL_USERNAME: 'bus.sasl.username',
  OMNISTREAM_KAFKA_SASL_PASSWORD: 'bus.sasl.password',
  OMNISTREAM_TOPICS_FILE:
    'topics.file: JSON file of topics to provision (partitions, replication, retention)',
  OMNISTREAM_TOPIC_PARTITIONS: 'topics.partitions: partitions of a topic the file does not set (default 6)',
  OMNISTREAM_TOPIC_REPLICATION_FACTOR:
    'topics.replicationFactor: replicas of a topic the file does not set (default 1)',
  OMNISTREAM_RELAY: 'relay.enabled: false stops this process publishing public events (default true)',
  OMNISTREAM_MODULES:
    'modules: the modules this process runs, comma-separated (default all: catalog,inventory,payments,shipments,orders)',
  OMNISTREAM_PAYMENTS_CONFIG_FILE:
    'payments: JSON file of payment providers and routing (default: the sandbox)',
  OMNISTREAM_SHIPMENTS_CONFIG_FILE:
    'shipments: JSON file of carriers and routing (default: the sandbox carrier)',
};

/** A module's JSON config file; its content is checked by the module's own parser at start. */
const jsonFile = (env: Environment, name: string, cwd: string): unknown => {
  const file = env[name]?.trim();
  if (!file) return undefined;
  try {
    return JSON.parse(readFileSync(resolve(cwd, file), 'utf8')) as unknown;
  } catch (error) {
    throw new ConfigError(
      `${name}: cannot read ${file} as JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
};

/** OMNISTREAM_KAFKA_* to the bus config; without brokers the bus stays in-process. */
const busFromEnvironment = (env: Environment, cwd: string): Record<string, unknown> | undefined => {
  if (!env.OMNISTREAM_KAFKA_BROKERS?.trim()) {
    const stray = KAFKA_CONNECTION.filter((name) => env[name]);
    if (stray.length > 0) throw new ConfigError(`${stray.join(', ')} set without OMNISTREAM_KAFKA_BROKERS`);
    return undefined;
  }
  let settings;
  try {
    settings = kafkaBusOptionsFromEnv(env);
  } catch (error) {
    throw new ConfigError(error instanceof Error ? error.message : String(error));
  }
  const { brokers, clientId, tls, sasl } = settings.options;
  const caFile = settings.tlsCaFile;
  return {
    kind: 'kafka',
    brokers,
    clientId,
    ...(env.OMNISTREAM_KAFKA_NAMESPACE?.trim() ? { namespace: env.OMNISTREAM_KAFKA_NAMESPACE.trim() } : {}),
    tls: tls !== undefined && tls !== false,
    ...(caFile === undefined ? {} : { tlsCaFile: isAbsolute(caFile) ? caFile : resolve(cwd, caFile) }),
    ...(sasl === undefined ? {} : { sasl }),
  };
};

/** `orders, inventory` to a list; parseConfig says which names are unknown. */
export const moduleList = (text: string | undefined): string[] | undefined => {
  const names = text
    ?.split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  return names === undefined || names.length === 0 ? undefined : names;
};

const flag = (env: Environment, name: string): boolean | undefined => {
  const text = env[name]?.trim().toLowerCase();
  if (text === undefined || text === '') return undefined;
  if (text === 'true' || text === 'false') return text === 'true';
  throw new ConfigError(`${name} must be true or false, got ${JSON.stringify(env[name])}`);
};

/** Other tools' variables share the prefix: the test suites' database URL must not stop a server they start. */
const FOREIGN_PREFIXES = ['OMNISTREAM_TEST_', 'OMNISTREAM_BENCH_'];
/** The local broker's own settings (`npm run kafka:start`, README), which the server does not read. */
const FOREIGN_NAMES = ['OMNISTREAM_KAFKA_DIR', 'OMNISTREAM_KAFKA_PORT', 'OMNISTREAM_KAFKA_CONTROLLER_PORT'];
const KAFKA_CONNECTION = [
  'OMNISTREAM_KAFKA_CLIENT_ID',
  'OMNISTREAM_KAFKA_NAMESPACE',
  'OMNISTREAM_KAFKA_TLS',
  'OMNISTREAM_KAFKA_TLS_CA_FILE',
  'OMNISTREAM_KAFKA_SASL_MECHANISM',
  'OMNISTREAM_KAFKA_SASL_USERNAME',
  'OMNISTREAM_KAFKA_SASL_PASSWORD',
];

const integer = (env: Environment, name: string): number | undefined => {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  if (!/^\d+$/.test(text.trim()))
    throw new ConfigError(`${name} must be a whole number, got ${JSON.stringify(text)}`);
  return Number(text);
};

const defined = <T extends object>(entries: T): Partial<T> =>
  Object.fromEntries(
    Object.entries(entries).filter(([, value]) => value !== undefined && value !== ''),
  ) as Partial<T>;

/**
 * Maps environment variables to the config object that parseConfig checks. Takes the environment as an argument
 * (only main.ts reads process.env). An unknown OMNISTREAM_* variable is an error, so a misspelt one does not
 * silently leave the default in place. A relative data dir is resolved against `cwd` once, here.
 */
export const configFromEnvironment = (env: Environment, cwd: string): Record<string, unknown> => {
  const unknown = Object.keys(env).filter(
    (name) =>
      name.startsWith('OMNISTREAM_') &&
      !(name in ENVIRONMENT_VARIABLES) &&
      !FOREIGN_NAMES.includes(name) &&
      !FOREIGN_PREFIXES.some((prefix) => name.startsWith(prefix)),
  );
  if (unknown.length > 0)
    throw new ConfigError(
      `unknown environment variable ${unknown.join(', ')}; known: ${Object.keys(ENVIRONMENT_VARIABLES).join(', ')}`,
    );
  const url = env.OMNISTREAM_DATABASE_URL;
  const dataDir = env.OMNISTREAM_DATA_DIR;
  if (url && dataDir)
    throw new ConfigError(
      'set OMNISTREAM_DATABASE_URL (PostgreSQL) or OMNISTREAM_DATA_DIR (PGlite), not both',
    );
  const dir = dataDir || './data';
  return defined({
    http: defined({ host: env.HOST, port: integer(env, 'PORT') }),
    database: url
      ? { kind: 'postgres', url }
      : { kind: 'pglite', dataDir: isAbsolute(dir) ? dir : resolve(cwd, dir) },
    log: defined({ level: env.LOG_LEVEL }),
    contracts: defined({
      dir: env.OMNISTREAM_CONTRACTS_DIR ? resolve(cwd, env.OMNISTREAM_CONTRACTS_DIR) : undefined,
    }),
    shutdownTimeoutMs: integer(env, 'OMNISTREAM_SHUTDOWN_TIMEOUT_MS'),
    bus: busFromEnvironment(env, cwd),
    topics: defined({
      file: env.OMNISTREAM_TOPICS_FILE ? resolve(cwd, env.OMNISTREAM_TOPICS_FILE) : undefined,
      partitions: integer(env, 'OMNISTREAM_TOPIC_PARTITIONS'),
      replicationFactor: integer(env, 'OMNISTREAM_TOPIC_REPLICATION_FACTOR'),
    }),
    relay: defined({ enabled: flag(env, 'OMNISTREAM_RELAY') }),
    modules: moduleList(env.OMNISTREAM_MODULES),
    hub: defined({
      clusterId: env.OMNISTREAM_HUB_CLUSTER_ID,
      dedupWindowMs: integer(env, 'OMNISTREAM_DEDUP_WINDOW_MS'),
      eventHistoryRetentionMs: integer(env, 'OMNISTREAM_EVENT_HISTORY_RETENTION_MS'),
      tokenization: defined({
        masterKeyHex: env.OMNISTREAM_TOKENIZATION_MASTER_KEY,
        deterministicFields: env.OMNISTREAM_TOKENIZATION_DETERMINISTIC_FIELDS?.split(',')
          .map((field) => field.trim())
          .filter((field) => field !== ''),
        policies: jsonFile(env, 'OMNISTREAM_TOKENIZATION_POLICIES_FILE', cwd),
      }),
    }),
    payments: jsonFile(env, 'OMNISTREAM_PAYMENTS_CONFIG_FILE', cwd),
    shipments: jsonFile(env, 'OMNISTREAM_SHIPMENTS_CONFIG_FILE', cwd),
  });
};
