import { platformMigrations, type Migration } from '@omnistream/event-store';
import { httpMigrations } from '@omnistream/http';
import { projectionsSchema } from '@omnistream/projections';
import { messagingMigrations } from '@omnistream/messaging';
import { sagasSchema } from '@omnistream/sagas';
import { apiKeysSchema, topicsSchema } from '@omnistream/produce-proxy';
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
];
