import { describe, expect, it } from 'vitest';
import { configFromEnvironment } from './config-from-environment.js';
import { parseConfig } from './parse-config.js';

const parse = (env: Record<string, string>) => parseConfig(configFromEnvironment(env, '/srv/app'));

describe('configFromEnvironment', () => {
  it('runs embedded PGlite under ./data of the working directory by default', () =>
    expect(parse({ PATH: '/usr/bin' })).toMatchObject({
      http: { host: '0.0.0.0', port: 3000 },
      database: { kind: 'pglite', dataDir: '/srv/app/data' },
    }));

  it('reads the port, host, log level, data dir and shutdown timeout', () =>
    expect(
      parse({
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        OMNISTREAM_DATA_DIR: 'state',
        OMNISTREAM_SHUTDOWN_TIMEOUT_MS: '500',
      }),
    ).toMatchObject({
      http: { host: '127.0.0.1', port: 0 },
      log: { level: 'warn' },
      database: { kind: 'pglite', dataDir: '/srv/app/state' },
      shutdownTimeoutMs: 500,
    }));

  it('uses a PostgreSQL server when OMNISTREAM_DATABASE_URL is set', () =>
    expect(parse({ OMNISTREAM_DATABASE_URL: 'postgres://u@db:5432/os' }).database).toMatchObject({
      kind: 'postgres',
      url: 'postgres://u@db:5432/os',
    }));

  it('treats empty variables as unset', () =>
    expect(parse({ PORT: '', OMNISTREAM_DATABASE_URL: '' })).toMatchObject({
      http: { port: 3000 },
      database: { kind: 'pglite' },
    }));

  it('fails on a misspelt OMNISTREAM_ variable, but leaves test tooling variables alone', () => {
    expect(() => parse({ OMNISTREAM_DATABSE_URL: 'postgres://x' })).toThrow(
      /unknown environment variable OMNISTREAM_DATABSE_URL/,
    );
    expect(() => parse({ OMNISTREAM_TEST_POSTGRES_URL: 'postgres://x' })).not.toThrow();
  });

  it('fails on a port that is not a number', () =>
    expect(() => parse({ PORT: 'eighty' })).toThrow(/PORT must be a whole number, got "eighty"/));

  it('refuses both a database URL and a data dir, which would leave one silently unused', () =>
    expect(() => parse({ OMNISTREAM_DATABASE_URL: 'postgres://x/y', OMNISTREAM_DATA_DIR: '/d' })).toThrow(
      /not both/,
    ));

  it('uses the in-process bus unless Kafka brokers are named', () =>
    expect(parse({}).bus).toEqual({ kind: 'in-process' }));

  it('reads the Kafka brokers, TLS with a CA file relative to the working directory, and SASL', () =>
    expect(
      parse({
        OMNISTREAM_KAFKA_BROKERS: 'k1:9092, k2:9092',
        OMNISTREAM_KAFKA_CLIENT_ID: 'shop-eu',
        OMNISTREAM_KAFKA_TLS_CA_FILE: 'certs/ca.pem',
        OMNISTREAM_KAFKA_SASL_MECHANISM: 'scram-sha-512',
        OMNISTREAM_KAFKA_SASL_USERNAME: 'omni',
        OMNISTREAM_KAFKA_SASL_PASSWORD: 's3cret',
      }).bus,
    ).toEqual({
      kind: 'kafka',
      brokers: ['k1:9092', 'k2:9092'],
      clientId: 'shop-eu',
      tls: true,
      tlsCaFile: '/srv/app/certs/ca.pem',
      sasl: { mechanism: 'SCRAM-SHA-512', username: 'omni', password: 's3cret' },
    }));

  it('refuses Kafka settings without brokers, and a bad SASL mechanism, naming the variable', () => {
    expect(() => parse({ OMNISTREAM_KAFKA_TLS: 'true' })).toThrow(
      /OMNISTREAM_KAFKA_TLS set without OMNISTREAM_KAFKA_BROKERS/,
    );
    expect(() =>
      parse({ OMNISTREAM_KAFKA_BROKERS: 'k1:9092', OMNISTREAM_KAFKA_SASL_MECHANISM: 'kerberos' }),
    ).toThrow(/OMNISTREAM_KAFKA_SASL_MECHANISM must be one of/);
  });

  it('reads the topics file, default partitions and replication, and whether to relay', () =>
    expect(
      parse({
        OMNISTREAM_TOPICS_FILE: 'topics.json',
        OMNISTREAM_TOPIC_PARTITIONS: '12',
        OMNISTREAM_TOPIC_REPLICATION_FACTOR: '3',
        OMNISTREAM_RELAY: 'false',
      }),
    ).toMatchObject({
      topics: { file: '/srv/app/topics.json', partitions: 12, replicationFactor: 3 },
      relay: { enabled: false },
    }));

  it("leaves the local broker's own variables to the broker tooling", () =>
    expect(parse({ OMNISTREAM_KAFKA_PORT: '19092', OMNISTREAM_KAFKA_DIR: '/tmp/k' }).bus).toEqual({
      kind: 'in-process',
    }));

  it('refuses a relay flag that is not true or false', () =>
    expect(() => parse({ OMNISTREAM_RELAY: 'yes' })).toThrow(/OMNISTREAM_RELAY must be true or false/));

  it('reads the modules this process runs, and the Kafka namespace', () => {
    expect(parse({ OMNISTREAM_MODULES: ' orders, catalog ' }).modules).toEqual(['orders', 'catalog']);
    expect(
      parse({ OMNISTREAM_KAFKA_BROKERS: 'k1:9092', OMNISTREAM_KAFKA_NAMESPACE: 'staging' }).bus,
    ).toMatchObject({ kind: 'kafka', namespace: 'staging' });
    expect(() => parse({ OMNISTREAM_KAFKA_NAMESPACE: 'staging' })).toThrow(
      /without OMNISTREAM_KAFKA_BROKERS/,
    );
  });
});
