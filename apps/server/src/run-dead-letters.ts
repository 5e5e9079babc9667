import { runMigrations } from '@omnistream/event-store';
import { deadLettersCli } from '@omnistream/messaging';
import { apiKeysCli } from '@omnistream/produce-proxy';
import type { ServerConfig } from './config/server-config.js';
import { openConfiguredDatabase } from './open-configured-database.js';
import { serverMigrations } from './server-migrations.js';

/** `omnistream dead-letters ...` on the configured database; answers the exit code. */
export const runDeadLetters = async (
  config: ServerConfig,
  args: readonly string[],
  io: { stdout: (text: string) => void; stderr: (text: string) => void },
): Promise<number> => {
  const database = await openConfiguredDatabase(config.database);
  try {
    await runMigrations(database, serverMigrations);
    return await deadLettersCli(args, { db: database, ...io });
  } finally {
    await database.close();
  }
};

/** `omnistream api-keys ...` on the configured database; answers the exit code. */
export const runApiKeys = async (
  config: ServerConfig,
  args: readonly string[],
  io: { stdout: (text: string) => void; stderr: (text: string) => void },
): Promise<number> => {
  const database = await openConfiguredDatabase(config.database);
  try {
    await runMigrations(database, serverMigrations);
    return await apiKeysCli(args, { db: database, ...io });
  } finally {
    await database.close();
  }
};
