import { runMigrations, type Database } from '@omnistream/event-store';
import { deadLettersCli } from '@omnistream/messaging';
import { apiKeysCli } from '@omnistream/produce-proxy';
import type { ServerConfig } from './config/server-config.js';
import { openConfiguredDatabase } from './open-configured-database.js';
import { serverMigrations } from './server-migrations.js';

export type Io = { stdout: (text: string) => void; stderr: (text: string) => void };

/** Runs an operator command on the configured database, migrated first; answers the command's exit code. */
export const onDatabase = async (
  config: ServerConfig,
  work: (db: Database) => Promise<number>,
): Promise<number> => {
  const database = await openConfiguredDatabase(config.database);
  try {
    await runMigrations(database, serverMigrations);
    return await work(database);
  } finally {
    await database.close();
  }
};

/** `omnistream dead-letters ...` on the configured database; answers the exit code. */
export const runDeadLetters = (config: ServerConfig, args: readonly string[], io: Io): Promise<number> =>
  onDatabase(config, (db) => deadLettersCli(args, { db, ...io }));

/** `omnistream api-keys ...` on the configured database; answers the exit code. */
export const runApiKeys = (config: ServerConfig, args: readonly string[], io: Io): Promise<number> =>
  onDatabase(config, (db) => apiKeysCli(args, { db, ...io }));
