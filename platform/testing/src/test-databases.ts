import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import {
  openPgliteDatabase,
  openPostgresDatabase,
  platformMigrations,
  runMigrations,
  type Database,
  type Migration,
} from '@omnistream/event-store';

/**
 * The databases every integration suite runs against: PGlite always, and a PostgreSQL server when
 * OMNISTREAM_TEST_POSTGRES_URL is set (CI sets it, and fails when a suite is skipped). Each `open()` makes a
 * fresh, migrated, empty database, so suites never see each other's data; PostgreSQL ones are dropped on close.
 */
export interface TestDatabase {
  readonly name: 'pglite' | 'postgres';
  open(options?: { migrations?: readonly Migration[]; maxConnections?: number }): Promise<OpenedTestDatabase>;
}

export interface OpenedTestDatabase {
  readonly db: Database;
  /** Connection details a child process can use to open the same database. */
  readonly config: { kind: 'pglite'; dataDir?: string } | { kind: 'postgres'; url: string };
  close(): Promise<void>;
}

export const postgresTestUrl = (): string | undefined =>
  process.env.OMNISTREAM_TEST_POSTGRES_URL || undefined;

/** Creates an empty database on the server behind `adminUrl` and returns its URL and a drop function. */
export const createScratchDatabase = async (
  adminUrl: string,
  prefix = 'omnistream_test',
): Promise<{ url: string; drop(): Promise<void> }> => {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const dropper = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
};

const pglite: TestDatabase = {
  name: 'pglite',
  open: async ({ migrations = platformMigrations } = {}) => {
    const db = await openPgliteDatabase();
    await runMigrations(db, migrations);
    return { db, config: { kind: 'pglite' }, close: () => db.close() };
  },
};

const server = (adminUrl: string): TestDatabase => ({
  name: 'postgres',
  open: async ({ migrations = platformMigrations, maxConnections = 20 } = {}) => {
    const scratch = await createScratchDatabase(adminUrl);
    const db = await openPostgresDatabase({ url: scratch.url, maxConnections });
    await runMigrations(db, migrations);
    return {
      db,
      config: { kind: 'postgres', url: scratch.url },
      close: async () => {
        await db.close();
        await scratch.drop();
      },
    };
  },
});

export const testDatabases = (): TestDatabase[] => {
  const url = postgresTestUrl();
  return url === undefined ? [pglite] : [pglite, server(url)];
};

/**
 * Database configurations (not opened) for code that opens its own database, such as the server: a fresh
 * PGlite folder, and a scratch PostgreSQL database when a test server is configured.
 */
export interface TestDatabaseConfig {
  readonly name: 'pglite' | 'postgres';
  create: () => Promise<{
    config: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
    drop: () => Promise<void>;
  }>;
}

export const testDatabaseConfigs = (): TestDatabaseConfig[] => {
  const url = postgresTestUrl();
  const embedded: TestDatabaseConfig = {
    name: 'pglite',
    create: async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'omnistream-'));
      return {
        config: { kind: 'pglite', dataDir },
        drop: () => rm(dataDir, { recursive: true, force: true }),
      };
    },
  };
  if (url === undefined) return [embedded];
  return [
    embedded,
    {
      name: 'postgres',
      create: async () => {
        const scratch = await createScratchDatabase(url);
        return { config: { kind: 'postgres', url: scratch.url }, drop: () => scratch.drop() };
      },
    },
  ];
};
