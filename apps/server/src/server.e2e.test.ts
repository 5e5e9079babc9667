import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, postgresTestUrl } from '@omnistream/testing';

/** The integration hub's migrations, after the platform's. */
const HUB_MIGRATIONS = [
  '0101-hub-tokenization',
  '0102-hub-dedup',
  '0103-hub-topics',
  '0104-hub-api-keys',
  '0105-hub-event-history',
  '0106-hub-api-key-rate-limits',
];

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '../bin/omnistream.js');

/** The child's environment: ours, minus anything that would pick its database for it. */
const environment = (extra: Record<string, string>): NodeJS.ProcessEnv => {
  const { OMNISTREAM_DATA_DIR: _dir, OMNISTREAM_DATABASE_URL: _url, PORT: _port, ...rest } = process.env;
  return { ...rest, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...extra };
};

const run = async (args: string[], extra: Record<string, string> = {}) => {
  const child = spawn(process.execPath, [BIN, ...args], { env: environment(extra), cwd: tmpdir() });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
};

interface Running {
  readonly child: ChildProcessWithoutNullStreams;
  readonly url: string;
  readonly lines: Record<string, unknown>[];
}

/** Starts `omnistream start` and resolves once it logs the port it listens on. */
const start = async (extra: Record<string, string>): Promise<Running> => {
  const child = spawn(process.execPath, [BIN, 'start'], { env: environment(extra), cwd: tmpdir() });
  const lines: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const port = await new Promise<number>((resolvePort, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      lines.push(entry);
      if (entry.msg === 'omnistream started') resolvePort(entry.port as number);
    });
  });
  return { child, url: `http://127.0.0.1:${port}`, lines };
};

const stop = async ({ child }: Running): Promise<number | null> => {
  const exit = once(child, 'exit') as Promise<[number | null]>;
  child.kill('SIGTERM');
  const [code] = await exit;
  return code;
};

const checkEndpoints = async (url: string, database: string) => {
  const health = await fetch(`${url}/health`);
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok', database });

  const metrics = await (await fetch(`${url}/metrics`)).text();
  expect(metrics).toMatch(/^omnistream_feed_oldest_open_transaction_seconds /m);
  expect(metrics).toMatch(/^process_cpu_user_seconds_total /m);
  expect(metrics).toMatch(/^nodejs_heap_size_used_bytes /m);

  const spec = (await (await fetch(`${url}/docs/json`)).json()) as {
    openapi: string;
    paths: Record<string, unknown>;
  };
  expect(spec.openapi).toMatch(/^3\.1\.\d+$/);
  expect(Object.keys(spec.paths)).toContain('/health');

  const docs = await fetch(`${url}/docs`);
  expect(docs.headers.get('content-type')).toMatch(/text\/html/);
  expect(await docs.text()).toMatch(/swagger/i);

  const missing = await fetch(`${url}/nowhere`);
  expect(missing.status).toBe(404);
  expect(missing.headers.get('content-type')).toMatch(/application\/problem\+json/);
};

describe('omnistream start with embedded PGlite', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'omnistream-e2e-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('serves health, metrics and docs, stops on SIGTERM with exit code 0, and restarts on the same data', async () => {
    const first = await start({ OMNISTREAM_DATA_DIR: dataDir });
    await checkEndpoints(first.url, 'pglite');
    expect(first.lines.find((line) => line.msg === 'migrations applied')).toMatchObject({
      applied: [
        '0001-event-store',
        '0001-event-store-append-one',
        '0002-idempotency-keys',
        '0003-projections',
        '0004-schema-registry',
        '0005-messaging',
        '0005-messaging-null-keys',
        '0006-sagas',
        ...HUB_MIGRATIONS,
      ],
    });
    const types = await fetch(`${first.url}/schema-registry/schemas/types`);
    expect(types.headers.get('content-type')).toMatch(/^application\/vnd\.schemaregistry\.v1\+json/);
    expect(await types.json()).toEqual(['JSON']);
    expect(await stop(first)).toBe(0);
    expect(first.lines.map((line) => line.msg)).toContain('omnistream stopped');
    expect((await readdir(dataDir)).length).toBeGreaterThan(0);

    const second = await start({ OMNISTREAM_DATA_DIR: dataDir });
    await checkEndpoints(second.url, 'pglite');
    expect(second.lines.map((line) => line.msg)).not.toContain('migrations applied');
    expect(await stop(second)).toBe(0);
  });
});

describe.skipIf(postgresTestUrl() === undefined)('omnistream start with a PostgreSQL server', () => {
  it('serves health, metrics and docs from PostgreSQL and stops on SIGTERM with exit code 0', async () => {
    const scratch = await createScratchDatabase(postgresTestUrl() ?? '');
    try {
      const server = await start({ OMNISTREAM_DATABASE_URL: scratch.url });
      await checkEndpoints(server.url, 'postgres');
      expect(await stop(server)).toBe(0);
    } finally {
      await scratch.drop();
    }
  });
});

describe('omnistream CLI', () => {
  it('migrate applies pending migrations, prints them, and is a no-op the second time', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'omnistream-e2e-'));
    try {
      const first = await run(['migrate'], { OMNISTREAM_DATA_DIR: dataDir });
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(
        new RegExp(
          `applied ${8 + HUB_MIGRATIONS.length} of ${8 + HUB_MIGRATIONS.length} migrations\\n {2}0001-event-store\\n {2}0001-event-store-append-one\\n {2}0002-idempotency-keys\\n {2}0003-projections\\n {2}0004-schema-registry\\n {2}0005-messaging\\n {2}0005-messaging-null-keys\\n {2}0006-sagas${HUB_MIGRATIONS.map((id) => `\\n {2}${id}`).join('')}`,
        ),
      );
      const second = await run(['migrate'], { OMNISTREAM_DATA_DIR: dataDir });
      expect(second.code).toBe(0);
      expect(second.stdout).toMatch(/up to date/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('dead-letters lists as JSON, and refuses a redrive without an actor with exit code 2', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'omnistream-e2e-'));
    try {
      const listed = await run(['dead-letters', 'list', '--status', 'parked'], {
        OMNISTREAM_DATA_DIR: dataDir,
      });
      expect(listed.code).toBe(0);
      expect(JSON.parse(listed.stdout)).toEqual({ deadLetters: [] });
      const refused = await run(['dead-letters', 'redrive', '42'], { OMNISTREAM_DATA_DIR: dataDir });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/--actor/);
      const missing = await run(['dead-letters', 'show', '42'], { OMNISTREAM_DATA_DIR: dataDir });
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/42/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('api-keys create prints a new key and secret as JSON, and list never shows the secret', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'omnistream-e2e-'));
    try {
      const created = await run(
        ['api-keys', 'create', '--name', 'pos', '--produce', 'pos.*', '--consume', 'pos.sale'],
        {
          OMNISTREAM_DATA_DIR: dataDir,
        },
      );
      expect(created.code, created.stderr).toBe(0);
      const issued = JSON.parse(created.stdout) as { key: string; secret: string; produce: string[] };
      expect(issued).toMatchObject({ name: 'pos', produce: ['pos.*'], consume: ['pos.sale'] });
      const listed = await run(['api-keys', 'list'], { OMNISTREAM_DATA_DIR: dataDir });
      expect(listed.code).toBe(0);
      expect(listed.stdout).toContain(issued.key);
      expect(listed.stdout).not.toContain(issued.secret);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('prints usage for --help, help and <command> --help', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: omnistream <command>/);
    expect(help.stdout).toMatch(/OMNISTREAM_DATABASE_URL/);
    expect((await run(['help', 'migrate'])).stdout).toMatch(/Usage: omnistream migrate/);
    expect((await run(['start', '--help'])).stdout).toMatch(/Usage: omnistream start/);
  });

  it('exits 2 with a message for an unknown command', async () => {
    const result = await run(['serve']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command "serve"/);
  });

  it('fails at boot with a clear message for a misspelt variable', async () => {
    const result = await run(['start'], { OMNISTREAM_DATA_DIRECTORY: '/tmp/x' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/unknown environment variable OMNISTREAM_DATA_DIRECTORY/);
  });
});
