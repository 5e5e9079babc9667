import { platformMigrations, type Migration } from '@omnistream/event-store';
import { httpMigrations } from '@omnistream/http';
import { projectionsSchema } from '@omnistream/projections';
import { messagingMigrations } from '@omnistream/messaging';
import { sagasSchema } from '@omnistream/sagas';
import { apiKeyRateLimitsSchema, apiKeysSchema, topicsSchema } from '@omnistream/produce-proxy';
import { tokenizationSchema } from '@omnistream/tokenization';
import { dedupSchema } from '@omnistream/dedup';
import { eventHistorySchema } from '@omnistream/event-history';
import { schemaRegistrySchema } from '@omnistream/schema-registry';

/** Every migration this deployable needs, applied at start and by `omnistream migrate`. */
export const serverMigrations: readonly Migration[] = [
  ...platformMigrations,
  ...httpMigrations,
  projectionsSchema,
  schemaRegistrySchema,
  ...messagingMigrations,
  sagasSchema,
  topicsSchema,
  apiKeysSchema,
  tokenizationSchema,
  dedupSchema,
  eventHistorySchema,
  apiKeyRateLimitsSchema,
];
