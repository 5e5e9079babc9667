import { mkdir } from 'node:fs/promises';
import { openDatabase, type Database } from '@omnistream/event-store';
import type { ServerConfig } from './config/server-config.js';

/** Opens the database the config names; PGlite's folder is created first, so a fresh checkout just starts. */
export const openConfiguredDatabase = async (config: ServerConfig['database']): Promise<Database> => {
  switch (config.kind) {
    case 'pglite':
      await mkdir(config.dataDir, { recursive: true });
      return openDatabase({ kind: 'pglite', dataDir: config.dataDir });
    case 'postgres':
      return openDatabase(config);
  }
};
