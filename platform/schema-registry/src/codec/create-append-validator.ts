import { streamCategory } from '@omnistream/event-store';
import type { NewEvent } from '@omnistream/kernel';
import { dataVersion, type ContractCatalog } from './contract-catalog.js';

/**
 * The event store's `validate` hook: every public event (its stream category and type have a contract) must
 * fit its contract before anything is written. Throws DomainError SCHEMA_VALIDATION_FAILED
 * (`<subject>: <path> <problem> (<keyword>)`) or SCHEMA_NOT_REGISTERED; private events pass untouched.
 * Synchronous by design: it runs inside the append, on validators compiled at start-up.
 */
export const createAppendValidator =
  (catalog: ContractCatalog) =>
  (streamId: string, events: readonly NewEvent[]): void => {
    const category = streamCategory(streamId);
    for (const event of events)
      catalog.entry(category, event.type, dataVersion(event.metadata))?.assertValid(event.data);
  };
