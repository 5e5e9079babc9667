import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type DatabaseConfig } from '@omnistream/event-store';
import { testDatabaseConfigs } from '@omnistream/testing';

const child = fileURLToPath(new URL('./pipeline-crash-child.ts', import.meta.url));

const start = (mode: 'work' | 'drain', config: DatabaseConfig): ChildProcess =>
  spawn(process.execPath, ['--import', 'tsx', child, mode, JSON.stringify(config)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });

const progressed = (worker: ChildProcess, batches: number) =>
  new Promise<void>((resolve, reject) => {
    worker.stdout?.on('data', (chunk: Buffer) => {
      for (const match of chunk.toString().matchAll(/progress (\d+)/g))
        if (Number(match[1]) >= batches) resolve();
    });
    worker.on('exit', (code) => reject(new Error(`child exited early with ${code}`)));
  });

const exited = (worker: ChildProcess) => new Promise<number | null>((resolve) => worker.on('exit', resolve));

describe.each(testDatabaseConfigs())('the embedded pipeline killed mid-flight on $name', (target) => {
  // A database a child process can open: PGlite on disk, or a PostgreSQL scratch database. The children migrate.
  let database: Awaited<ReturnType<typeof target.create>>;
  let config: DatabaseConfig;
  beforeAll(async () => {
    database = await target.create();
    config = database.config;
  });
  afterAll(async () => {
    await database.drop();
  });

  it('applies every committed public event exactly once, in stream order, after SIGKILLs', async () => {
    for (const batches of [30, 60]) {
      const worker = start('work', config);
      await progressed(worker, batches);
      const gone = exited(worker);
      worker.kill('SIGKILL');
      await gone;
    }
    expect(await exited(start('drain', config))).toBe(0);

    const db: Database = await openDatabase(config);
    try {
      const twice = await db.query(
        'select event_id from omnistream.pipeline_effects group by event_id having count(*) > 1',
      );
      expect(twice).toEqual([]);
      const [missing] = await db.query<{ n: number; published: number }>(
        `select count(*) filter (where f.event_id is null)::int as n, count(*)::int as published
           from omnistream.events e left join omnistream.pipeline_effects f on f.event_id = e.event_id::text
          where e.stream_id like 'order-%'`,
      );
      expect(missing?.n).toBe(0);
      expect(missing?.published).toBeGreaterThan(60);
      const [unordered] = await db.query<{ n: number }>(
        `select count(*)::int as n from (
           select e.version < lag(e.version) over (partition by e.stream_id order by f.seq) as bad
             from omnistream.pipeline_effects f join omnistream.events e on e.event_id::text = f.event_id) x
          where bad`,
      );
      expect(unordered?.n).toBe(0);
    } finally {
      await db.close();
    }
  });
});
