import { platformMigrations, type Migration } from '@omnistream/event-store';
import { httpMigrations } from '@omnistream/http';
import { projectionsSchema } from '@omnistream/projections';

/** Every migration this deployable needs, applied at start and by `omnistream migrate`. */
export const serverMigrations: readonly Migration[] = [
  ...platformMigrations,
  ...httpMigrations,
  projectionsSchema,
];
