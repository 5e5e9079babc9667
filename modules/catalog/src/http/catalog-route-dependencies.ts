import type { Clock } from '@omnistream/kernel';
import type { Database } from '@omnistream/event-store';
import type { CatalogHandlers } from '../catalog-handlers.js';

export interface CatalogRouteDependencies {
  readonly handlers: CatalogHandlers;
  /** Where the read models are read. */
  readonly database: Database;
  readonly clock: Clock;
}
