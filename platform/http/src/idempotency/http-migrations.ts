import type { Migration } from '@omnistream/event-store';
import { idempotencyKeysSchema } from './idempotency-keys-schema.js';

/** The HTTP layer's tables; run after `platformMigrations`. */
export const httpMigrations: readonly Migration[] = [idempotencyKeysSchema];
