import type { Migration } from './run-migrations.js';
import { appendOneFunction } from './append-one-function.js';
import { eventStoreSchema } from './event-store-schema.js';

/** The platform's own migrations, in order. Modules bring their own lists. */
export const platformMigrations: readonly Migration[] = [eventStoreSchema, appendOneFunction];
