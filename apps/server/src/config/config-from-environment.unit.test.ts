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
});
