import { describe, expect, it } from 'vitest';
import { DEFAULT_CONTRACTS_DIR } from './default-contracts-dir.js';
import { ConfigError, parseConfig } from './parse-config.js';

describe('parseConfig', () => {
  it('fills every default, each named with its unit', () =>
    expect(parseConfig({})).toEqual({
      http: { host: '0.0.0.0', port: 3000, bodyLimitBytes: 1048576, requestTimeoutMs: 30000 },
      database: { kind: 'pglite', dataDir: './data' },
      log: { level: 'info' },
      idempotency: { keyTtlMs: 86400000, inProgressTimeoutMs: 60000, purgeIntervalMs: 3600000 },
      hub: {
        clusterId: 'omnistream',
        dedupWindowMs: 86400000,
        eventHistoryRetentionMs: 604800000,
        tokenization: { deterministicFields: [], policies: {} },
      },
      contracts: { dir: DEFAULT_CONTRACTS_DIR },
      bus: { kind: 'in-process' },
      topics: { partitions: 6, replicationFactor: 1 },
      relay: { enabled: true },
      modules: ['catalog', 'inventory', 'payments', 'shipments', 'orders'],
      orders: { paymentTimeoutMs: 900000, collectionTimeoutMs: 604800000, sagaPartitions: 2 },
      shutdownTimeoutMs: 10000,
    }));

  it('fills the defaults of the Kafka bus and checks its brokers', () => {
    expect(parseConfig({ bus: { kind: 'kafka', brokers: ['k1:9092'] } }).bus).toEqual({
      kind: 'kafka',
      brokers: ['k1:9092'],
      clientId: 'omnistream',
      tls: false,
    });
    expect(() => parseConfig({ bus: { kind: 'kafka', brokers: [] } })).toThrow(/bus\.brokers/);
    expect(() => parseConfig({ bus: { kind: 'rabbit' } })).toThrow(
      /bus\.kind: expected "in-process" or "kafka"/,
    );
  });

  it('returns a deeply frozen object', () => {
    const config = parseConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.http)).toBe(true);
  });

  it('fills the defaults of the PostgreSQL variant', () =>
    expect(parseConfig({ database: { kind: 'postgres', url: 'postgres://db/omnistream' } }).database).toEqual(
      {
        kind: 'postgres',
        url: 'postgres://db/omnistream',
        maxConnections: 10,
        idleInTransactionTimeoutMs: 60000,
      },
    ));

  it('fails on an unknown key, naming it', () => {
    expect(() => parseConfig({ http: { prot: 3000 } })).toThrow(ConfigError);
    expect(() => parseConfig({ http: { prot: 3000 } })).toThrow(/unknown config key "http.prot"/);
    expect(() => parseConfig({ shutdownTimeout: 5 })).toThrow(/unknown config key "shutdownTimeout"/);
  });

  it('says which value is wrong and what it got', () => {
    expect(() => parseConfig({ http: { port: 70000 } })).toThrow(/http\.port: .*65535.*got 70000/);
    expect(() => parseConfig({ log: { level: 'loud' } })).toThrow(/log\.level/);
  });

  it('reports errors of the database variant its kind chose', () => {
    expect(() => parseConfig({ database: { kind: 'postgres', url: 'mysql://x' } })).toThrow(/database\.url/);
    expect(() => parseConfig({ database: { kind: 'pglite', dataDir: '/d', url: 'postgres://x' } })).toThrow(
      /unknown config key "database.url"/,
    );
    expect(() => parseConfig({ database: { kind: 'oracle' } })).toThrow(/database/);
  });

  it('names the unknown module of a start that picks modules', () => {
    expect(() => parseConfig({ modules: ['orders', 'billing'] })).toThrow(/modules/);
    expect(() => parseConfig({ modules: [] })).toThrow(/modules/);
    expect(parseConfig({ modules: ['orders', 'catalog'] }).modules).toEqual(['orders', 'catalog']);
  });
});
