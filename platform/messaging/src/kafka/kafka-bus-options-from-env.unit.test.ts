import { describe, expect, it } from 'vitest';
import { kafkaBusOptionsFromEnv } from './kafka-bus-options-from-env.js';

describe('kafkaBusOptionsFromEnv', () => {
  it('reads a plain broker list and defaults the client id', () => {
    expect(kafkaBusOptionsFromEnv({ OMNISTREAM_KAFKA_BROKERS: 'a:9092, b:9093' })).toEqual({
      options: { brokers: ['a:9092', 'b:9093'], clientId: 'omnistream' },
    });
  });

  it('turns TLS on with a CA file and SASL SCRAM credentials, as for a managed cluster', () => {
    expect(
      kafkaBusOptionsFromEnv({
        OMNISTREAM_KAFKA_BROKERS: 'kafka.example.com:9094',
        OMNISTREAM_KAFKA_CLIENT_ID: 'orders-api',
        OMNISTREAM_KAFKA_TLS: 'true',
        OMNISTREAM_KAFKA_TLS_CA_FILE: '/etc/kafka/ca.pem',
        OMNISTREAM_KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
        OMNISTREAM_KAFKA_SASL_USERNAME: 'orders',
        OMNISTREAM_KAFKA_SASL_PASSWORD: 's3cret',
      }),
    ).toEqual({
      options: {
        brokers: ['kafka.example.com:9094'],
        clientId: 'orders-api',
        tls: true,
        sasl: { mechanism: 'SCRAM-SHA-512', username: 'orders', password: 's3cret' },
      },
      tlsCaFile: '/etc/kafka/ca.pem',
    });
  });

  it('accepts PLAIN without TLS', () => {
    const { options } = kafkaBusOptionsFromEnv({
      OMNISTREAM_KAFKA_BROKERS: 'k:9092',
      OMNISTREAM_KAFKA_SASL_MECHANISM: 'plain',
      OMNISTREAM_KAFKA_SASL_USERNAME: 'u',
      OMNISTREAM_KAFKA_SASL_PASSWORD: 'p',
    });
    expect(options.sasl).toEqual({ mechanism: 'PLAIN', username: 'u', password: 'p' });
    expect(options.tls).toBeUndefined();
  });

  it('refuses a missing broker list, a broker without a port, and a TLS flag that is not a boolean', () => {
    expect(() => kafkaBusOptionsFromEnv({})).toThrow(/OMNISTREAM_KAFKA_BROKERS is required/);
    expect(() => kafkaBusOptionsFromEnv({ OMNISTREAM_KAFKA_BROKERS: 'kafka' })).toThrow(/not host:port/);
    expect(() =>
      kafkaBusOptionsFromEnv({ OMNISTREAM_KAFKA_BROKERS: 'k:1', OMNISTREAM_KAFKA_TLS: 'yes' }),
    ).toThrow(/OMNISTREAM_KAFKA_TLS must be true or false/);
  });

  it('refuses an unknown SASL mechanism and a mechanism without credentials', () => {
    expect(() =>
      kafkaBusOptionsFromEnv({ OMNISTREAM_KAFKA_BROKERS: 'k:1', OMNISTREAM_KAFKA_SASL_MECHANISM: 'gssapi' }),
    ).toThrow(/must be one of plain, scram-sha-256, scram-sha-512/);
    expect(() =>
      kafkaBusOptionsFromEnv({
        OMNISTREAM_KAFKA_BROKERS: 'k:1',
        OMNISTREAM_KAFKA_SASL_MECHANISM: 'scram-sha-256',
      }),
    ).toThrow(/needs OMNISTREAM_KAFKA_SASL_USERNAME and OMNISTREAM_KAFKA_SASL_PASSWORD/);
  });

  it('refuses credentials without a mechanism, and a CA file with TLS turned off', () => {
    expect(() =>
      kafkaBusOptionsFromEnv({ OMNISTREAM_KAFKA_BROKERS: 'k:1', OMNISTREAM_KAFKA_SASL_USERNAME: 'u' }),
    ).toThrow(/SASL_MECHANISM is not/);
    expect(() =>
      kafkaBusOptionsFromEnv({
        OMNISTREAM_KAFKA_BROKERS: 'k:1',
        OMNISTREAM_KAFKA_TLS: 'false',
        OMNISTREAM_KAFKA_TLS_CA_FILE: '/ca.pem',
      }),
    ).toThrow(/OMNISTREAM_KAFKA_TLS is false/);
  });
});
