import { Type, type Static } from '@sinclair/typebox';
import { DEFAULT_CONTRACTS_DIR } from './default-contracts-dir.js';

const Milliseconds = (defaultMs: number, description: string) =>
  Type.Integer({ minimum: 0, default: defaultMs, description });

/** Embedded PostgreSQL (WASM) in this process, its files under `dataDir`: the default shape (DESIGN.md). */
const PgliteDatabase = Type.Object(
  {
    kind: Type.Literal('pglite'),
    dataDir: Type.String({ minLength: 1, description: 'Absolute folder for the data files.' }),
  },
  { additionalProperties: false },
);

const PostgresDatabase = Type.Object(
  {
    kind: Type.Literal('postgres'),
    url: Type.String({
      pattern: '^postgres(ql)?://',
      description: 'postgres://user:password@host:port/database',
    }),
    maxConnections: Type.Integer({ minimum: 2, default: 10 }),
    idleInTransactionTimeoutMs: Milliseconds(
      60_000,
      'A session idle in a transaction holds the feed back; the server ends it after this.',
    ),
  },
  { additionalProperties: false },
);

/** The embedded bus: a durable log in the platform database, filled by the outbox relay (DESIGN.md "Messaging"). */
const InProcessBus = Type.Object({ kind: Type.Literal('in-process') }, { additionalProperties: false });

const KafkaBus = Type.Object(
  {
    kind: Type.Literal('kafka'),
    brokers: Type.Array(Type.String({ pattern: '^[^\\s:]+:\\d{1,5}$' }), {
      minItems: 1,
      description: 'host:port',
    }),
    clientId: Type.String({ minLength: 1, default: 'omnistream' }),
    namespace: Type.Optional(
      Type.String({
        pattern: '^[a-z0-9][a-z0-9_-]{0,63}$',
        description:
          'Prefix of every topic and consumer group on the brokers (<namespace>.<context>.<category>), for several deployments on one cluster.',
      }),
    ),
    tls: Type.Boolean({ default: false }),
    tlsCaFile: Type.Optional(
      Type.String({ minLength: 1, description: 'PEM file of the CA that signed the brokers.' }),
    ),
    sasl: Type.Optional(
      Type.Object(
        {
          mechanism: Type.Union([
            Type.Literal('PLAIN'),
            Type.Literal('SCRAM-SHA-256'),
            Type.Literal('SCRAM-SHA-512'),
          ]),
          username: Type.String({ minLength: 1 }),
          password: Type.String({ minLength: 1 }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** The modules a process can run; `omnistream start --modules` picks some, the default is all of them. */
export const MODULE_NAMES = ['catalog', 'inventory', 'payments', 'shipments', 'orders'] as const;
export type ModuleName = (typeof MODULE_NAMES)[number];

/**
 * Everything the server can be told, parsed once at boot (STYLE.md 10). Units are in the names. Unknown keys are
 * errors, so a typo fails the start instead of silently keeping a default.
 */
export const ServerConfig = Type.Object(
  {
    http: Type.Object(
      {
        host: Type.String({ minLength: 1, default: '0.0.0.0' }),
        port: Type.Integer({
          minimum: 0,
          maximum: 65_535,
          default: 3000,
          description: '0 picks a free port.',
        }),
        bodyLimitBytes: Type.Integer({ minimum: 1024, default: 1024 * 1024 }),
        requestTimeoutMs: Milliseconds(30_000, 'A request unanswered after this long is cut off.'),
      },
      { additionalProperties: false, default: {} },
    ),
    // Defaulted by parseConfig (to PGlite under ./data): TypeBox would merge a union's default into a given value.
    database: Type.Union([PgliteDatabase, PostgresDatabase]),
    log: Type.Object(
      {
        level: Type.Union(
          [
            Type.Literal('fatal'),
            Type.Literal('error'),
            Type.Literal('warn'),
            Type.Literal('info'),
            Type.Literal('debug'),
            Type.Literal('trace'),
            Type.Literal('silent'),
          ],
          { default: 'info' },
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    idempotency: Type.Object(
      {
        keyTtlMs: Milliseconds(
          24 * 60 * 60 * 1000,
          'How long a response is replayed for a retried Idempotency-Key.',
        ),
        inProgressTimeoutMs: Milliseconds(60_000, 'How long an unfinished first attempt blocks its key.'),
        purgeIntervalMs: Milliseconds(60 * 60 * 1000, 'How often expired keys are deleted.'),
      },
      { additionalProperties: false, default: {} },
    ),
    // Defaulted by parseConfig (to the in-process bus), like the database.
    bus: Type.Union([InProcessBus, KafkaBus]),
    topics: Type.Object(
      {
        file: Type.Optional(
          Type.String({
            minLength: 1,
            description:
              'JSON file of topics to provision: {"defaults": {"partitions", "replicationFactor", "retentionMs"}, "topics": {"<name>": {...}}}.',
          }),
        ),
        partitions: Type.Integer({
          minimum: 1,
          default: 6,
          description: 'Partitions of a topic the file does not set.',
        }),
        replicationFactor: Type.Integer({ minimum: 1, default: 1 }),
      },
      { additionalProperties: false, default: {} },
    ),
    modules: Type.Array(Type.Union(MODULE_NAMES.map((name) => Type.Literal(name))), {
      minItems: 1,
      uniqueItems: true,
      default: [...MODULE_NAMES],
      description:
        'The modules this process serves (routes, command consumers, background work). The distributed shape runs one process per module, or a few, on one PostgreSQL database and Kafka.',
    }),
    relay: Type.Object(
      {
        enabled: Type.Boolean({
          default: true,
          description: 'Publish public events to the bus from this process (one relay is active at a time).',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    contracts: Type.Object(
      {
        dir: Type.String({
          minLength: 1,
          default: DEFAULT_CONTRACTS_DIR,
          description:
            'Folder of public event contracts (<context>/<category>/<EventType>.v<N>.schema.json), registered at start.',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    orders: Type.Object(
      {
        paymentTimeoutMs: Milliseconds(
          15 * 60_000,
          'A payment neither authorised nor refused by then is voided and its order fails.',
        ),
        collectionTimeoutMs: Milliseconds(
          7 * 24 * 3600_000,
          'An order ready for collection and not collected by then fails and its payment is voided.',
        ),
        sagaPartitions: Type.Integer({
          minimum: 1,
          maximum: 64,
          default: 2,
          description:
            'Order flows are decided by this many subscriptions in parallel, by a hash of the order id (PostgreSQL; PGlite uses one). Changing it restarts every partition from the start of the feed.',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    payments: Type.Optional(
      Type.Unknown({
        description:
          'The payments module config (providers, routing by market and method; see modules/payments). Default: the sandbox for everything.',
      }),
    ),
    shipments: Type.Optional(
      Type.Unknown({
        description:
          'The shipments module config (carriers, routing by market and service level; see modules/shipments). Default: the sandbox carrier.',
      }),
    ),
    hub: Type.Object(
      {
        clusterId: Type.String({
          pattern: '^[A-Za-z0-9._-]{1,64}$',
          default: 'omnistream',
          description:
            'The cluster id the REST Proxy v3 API lists and its paths name (/kafka/v3/clusters/{id}).',
        }),
        tokenization: Type.Object(
          {
            masterKeyHex: Type.Optional(
              Type.String({
                pattern: '^[0-9a-fA-F]{64}$',
                description:
                  'The token vault master key, 32 bytes as hex. Without it, records with sensitive fields are refused (503), never sent in the clear.',
              }),
            ),
            deterministicFields: Type.Array(Type.String({ minLength: 1 }), {
              default: [],
              description:
                'Fields (customer.email, lines[].phone) that get the same token for the same value.',
            }),
            policies: Type.Record(Type.String({ minLength: 1 }), Type.Record(Type.String(), Type.String()), {
              default: {},
              description:
                'Detokenize policies per consumer (an API key name): {"<name>": {"pan": "mask", "email": "reveal", "default": "redact"}}; policies are reveal, mask, redact or deny. A consumer not named is denied.',
            }),
          },
          { additionalProperties: false, default: {} },
        ),
        eventHistoryRetentionMs: Milliseconds(
          7 * 24 * 60 * 60 * 1000,
          'How long event history keeps an event (searches and journeys); older ones are purged hourly.',
        ),
        dedupWindowMs: Milliseconds(
          24 * 60 * 60 * 1000,
          'How long a producer idempotency key answers with the first answer (REST proxy).',
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    shutdownTimeoutMs: Milliseconds(
      10_000,
      'After SIGTERM, in-flight requests get this long to finish before the process is stopped.',
    ),
  },
  { additionalProperties: false },
);

export type ServerConfig = Static<typeof ServerConfig>;
export type LogLevel = ServerConfig['log']['level'];
