import type { Database } from '@omnistream/event-store';
import type { NewEvent } from '@omnistream/kernel';
import type { PublicEventCodec } from '@omnistream/messaging';
import { createAppendValidator } from '../codec/create-append-validator.js';
import { createContractCatalog, type ContractCatalog } from '../codec/contract-catalog.js';
import { createPublicEventCodec } from '../codec/create-public-event-codec.js';
import { createSchemaRegistry, type SchemaRegistry } from '../registry/create-schema-registry.js';
import { loadContracts } from './load-contracts.js';
import { registerContracts, type RegisteredContract } from './register-contracts.js';

export interface OpenedContracts {
  readonly registry: SchemaRegistry;
  readonly registered: readonly RegisteredContract[];
  readonly catalog: ContractCatalog;
  /** The event store's `validate` hook: public events must fit their contract before anything is written. */
  readonly validate: (streamId: string, events: readonly NewEvent[]) => void;
  /** For the outbox relay: topic, subject and wire format of public events. */
  readonly codec: PublicEventCodec;
}

/**
 * Registers every contract of `dir` in the registry on `db` (an incompatible change throws, saying what broke) and
 * builds, from what was registered, the append validator and the relay's codec: what every process that appends
 * or publishes public events needs at start.
 */
export const openContracts = async (db: Database, dir: string): Promise<OpenedContracts> => {
  const registry = createSchemaRegistry(db);
  const registered = await registerContracts(registry, await loadContracts(dir));
  const catalog = createContractCatalog(registered);
  return {
    registry,
    registered,
    catalog,
    validate: createAppendValidator(catalog),
    codec: createPublicEventCodec(catalog),
  };
};
