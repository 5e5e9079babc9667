import { describe, expect, it } from 'vitest';
import { parseTopicsConfig } from './parse-topics-config.js';

describe('parseTopicsConfig', () => {
  it('gives each topic the defaults it does not override', () =>
    expect(
      parseTopicsConfig({
        defaults: { partitions: 6, replicationFactor: 3, retentionMs: 604_800_000 },
        topics: {
          'orders.order': { partitions: 12, config: { 'cleanup.policy': 'delete' } },
          'inventory.stock-item': {},
        },
      }),
    ).toEqual([
      {
        name: 'orders.order',
        partitions: 12,
        replicationFactor: 3,
        retentionMs: 604_800_000,
        config: { 'cleanup.policy': 'delete' },
      },
      { name: 'inventory.stock-item', partitions: 6, replicationFactor: 3, retentionMs: 604_800_000 },
    ]));

  it('falls back to one partition, replication factor one and the broker’s retention', () =>
    expect(parseTopicsConfig({ topics: { 'orders.order': {} } })).toEqual([
      { name: 'orders.order', partitions: 1, replicationFactor: 1 },
    ]));

  it('accepts an empty configuration', () => expect(parseTopicsConfig({})).toEqual([]));

  it('refuses unknown settings, naming their path', () => {
    expect(() => parseTopicsConfig({ topics: { a: { partition: 3 } } })).toThrow(
      '/topics/a/partition is not a known setting',
    );
    expect(() => parseTopicsConfig({ default: {} })).toThrow('/default is not a known setting');
    expect(() => parseTopicsConfig({ defaults: { config: {} } })).toThrow(
      '/defaults/config is not a known setting',
    );
  });

  it('refuses counts that are not positive integers', () => {
    expect(() => parseTopicsConfig({ topics: { a: { partitions: 0 } } })).toThrow(
      '/topics/a/partitions must be',
    );
    expect(() => parseTopicsConfig({ defaults: { replicationFactor: 1.5 } })).toThrow(
      '/defaults/replicationFactor',
    );
    expect(() => parseTopicsConfig({ topics: { a: { retentionMs: '1d' } } })).toThrow(
      '/topics/a/retentionMs',
    );
  });

  it('refuses illegal topic names and non-string topic configs', () => {
    expect(() => parseTopicsConfig({ topics: { 'orders order': {} } })).toThrow('is not a legal topic name');
    expect(() => parseTopicsConfig({ topics: { '..': {} } })).toThrow('is not a legal topic name');
    expect(() => parseTopicsConfig({ topics: { a: { config: { 'min.insync.replicas': 2 } } } })).toThrow(
      '/topics/a/config/min.insync.replicas must be a string',
    );
  });

  it('answers with DomainError INVALID_TOPICS_CONFIG', () =>
    expect(() => parseTopicsConfig([])).toThrow(
      expect.objectContaining({ code: 'INVALID_TOPICS_CONFIG' }) as Error,
    ));
});
