import type { Database } from './database.js';
import { openPgliteDatabase } from './pglite-database.js';
import { openPostgresDatabase } from './postgres-database.js';

export type DatabaseConfig =
  | { readonly kind: 'pglite'; readonly dataDir?: string }
  | {
      readonly kind: 'postgres';
      readonly url: string;
      readonly maxConnections?: number;
      readonly idleInTransactionTimeoutMs?: number;
      readonly statementTimeoutMs?: number;
    };

export const openDatabase = (config: DatabaseConfig): Promise<Database> => {
  switch (config.kind) {
    case 'pglite':
      return openPgliteDatabase(config.dataDir === undefined ? {} : { dataDir: config.dataDir });
    case 'postgres':
      return openPostgresDatabase(config);
  }
};
