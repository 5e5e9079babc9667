import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  openPgliteDatabase,
  openPostgresDatabase,
  platformMigrations,
  runMigrations,
  type Database,
} from '@omnistream/event-store';
import { createScratchDatabase } from '@omnistream/testing';
import { RAW_EVENTS_DDL } from './raw-events.js';

/** A migrated, empty database for one adapter: the store's pool, plus ceiling pools of any size. */
export interface BenchAdapter {
  readonly name: string;
  readonly db: Database;
  readonly version: string;
  /** The pool the store uses, for the notes. */
  readonly poolSize: number;
  /** A ceiling connection pool of `connections` on the same database (PGlite: its one connection). */
  openCeiling(connections: number): Promise<{ db: Database; close(): Promise<void> }>;
  close(): Promise<void>;
}

const prepare = async (db: Database): Promise<string> => {
  await runMigrations(db, platformMigrations);
  await db.query(RAW_EVENTS_DDL);
  const [row] = await db.query<{ version: string }>('select version() as version');
  return row?.version ?? 'unknown';
};

export const openBenchAdapter = async (
  name: string,
  options: { postgresUrl: string; pool: number },
): Promise<BenchAdapter> => {
  if (name === 'postgres') {
    const scratch = await createScratchDatabase(options.postgresUrl, 'omnistream_bench');
    const db = await openPostgresDatabase({ url: scratch.url, maxConnections: options.pool });
    const version = await prepare(db);
    return {
      name,
      db,
      version,
      poolSize: options.pool,
      openCeiling: async (connections) => {
        const ceiling = await openPostgresDatabase({ url: scratch.url, maxConnections: connections });
        return { db: ceiling, close: () => ceiling.close() };
      },
      close: async () => {
        await db.close();
        await scratch.drop();
      },
    };
  }
  const dataDir = name === 'pglite-file' ? await mkdtemp(join(tmpdir(), 'omnistream-bench-')) : undefined;
  const db = await openPgliteDatabase(dataDir === undefined ? {} : { dataDir });
  const version = await prepare(db);
  return {
    name,
    db,
    version,
    poolSize: 1,
    openCeiling: () => Promise.resolve({ db, close: () => Promise.resolve() }),
    close: async () => {
      await db.close();
      if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
    },
  };
};
