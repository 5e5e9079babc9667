import { runMigrations } from '@omnistream/event-store';
import type { ServerConfig } from './config/server-config.js';
import { openConfiguredDatabase } from './open-configured-database.js';
import { serverMigrations } from './server-migrations.js';

/** `omnistream migrate`: applies what is pending and reports it; safe to run while servers are up. */
export const migrateDatabase = async (
  config: ServerConfig,
): Promise<{ readonly applied: readonly string[]; readonly known: number }> => {
  const database = await openConfiguredDatabase(config.database);
  try {
    return { applied: await runMigrations(database, serverMigrations), known: serverMigrations.length };
  } finally {
    await database.close();
  }
};
