import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseConfigs } from '@omnistream/testing';
import { openDatabase, type Database, type DatabaseConfig } from '../index.js';

const child = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

const acknowledged = new Set<string>();

const start = (mode: 'work' | 'drain', config: DatabaseConfig): ChildProcess => {
  const process = spawn(
    globalThis.process.execPath,
    ['--import', 'tsx', child, mode, JSON.stringify(config)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  process.stdout?.on('data', (chunk: Buffer) => {
    for (const match of chunk.toString().matchAll(/acked (\S+)/g)) acknowledged.add(match[1] as string);
  });
  return process;
};

/** Resolves when the child has printed `progress n` with n >= `batches`. */
const progressed = (process: ChildProcess, batches: number) =>
  new Promise<void>((resolve, reject) => {
    process.stdout?.on('data', (chunk: Buffer) => {
      for (const match of chunk.toString().matchAll(/progress (\d+)/g))
        if (Number(match[1]) >= batches) resolve();
    });
    process.on('exit', (code) => reject(new Error(`child exited early with ${code}`)));
  });

const exited = (process: ChildProcess) =>
  new Promise<number | null>((resolve) => process.on('exit', (code) => resolve(code)));

describe.each(testDatabaseConfigs())('a process killed mid-write on $name', (target) => {
  // A database a child process can open: PGlite on disk, or a PostgreSQL scratch database. The children migrate.
  let database: Awaited<ReturnType<typeof target.create>>;
  let config: DatabaseConfig;
  beforeAll(async () => {
    acknowledged.clear();
    database = await target.create();
    config = database.config;
  });
  afterAll(async () => {
    await database.drop();
  });

  it('leaves no partial batch, and the subscriber resumes with nothing lost and nothing applied twice', async () => {
    for (const batches of [30, 60]) {
      const worker = start('work', config);
      await progressed(worker, batches);
      const gone = exited(worker);
      worker.kill('SIGKILL');
      await gone;
    }
    const drainer = start('drain', config);
    expect(await exited(drainer)).toBe(0);

    const db: Database = await openDatabase(config);
    try {
      const partial = await db.query(
        `select metadata->>'batch' as batch, count(*)::int as n, min((metadata->>'size')::int) as size
           from omnistream.events group by 1 having count(*) <> min((metadata->>'size')::int)`,
      );
      expect(partial).toEqual([]);
      const gaps = await db.query(
        `select stream_id from omnistream.events group by stream_id having max(version) <> count(*)`,
      );
      expect(gaps).toEqual([]);
      const batches = await db.query<{ batch: string }>(
        `select distinct metadata->>'batch' as batch from omnistream.events`,
      );
      const stored = new Set(batches.map((row) => row.batch));
      expect([...acknowledged].filter((batch) => !stored.has(batch))).toEqual([]); // no acknowledged append lost
      expect(acknowledged.size).toBeGreaterThan(50);
      const [counts] = await db.query<{
        events: number;
        effects: number;
        distinct_effects: number;
        missing: number;
      }>(
        `select (select count(*)::int from omnistream.events) as events,
                (select count(*)::int from crash_effects) as effects,
                (select count(distinct event_id)::int from crash_effects) as distinct_effects,
                (select count(*)::int from omnistream.events e where not exists
                   (select 1 from crash_effects c where c.event_id = e.event_id)) as missing`,
      );
      expect(counts?.events).toBeGreaterThan(200);
      expect(counts).toEqual({
        events: counts?.events,
        effects: counts?.events,
        distinct_effects: counts?.events,
        missing: 0,
      });
    } finally {
      await db.close();
    }
  });
});
