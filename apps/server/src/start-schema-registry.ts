import type { Database } from '@omnistream/event-store';
import type { NewEvent } from '@omnistream/kernel';
import type { PublicEventCodec } from '@omnistream/messaging';
import {
  createAppendValidator,
  createContractCatalog,
  createPublicEventCodec,
  createSchemaRegistry,
  loadContracts,
  registerContracts,
  schemaRegistryPlugin,
  type RegisteredContract,
  type SchemaRegistry,
} from '@omnistream/schema-registry';

/** Where Confluent clients are pointed: `http://host:3000/schema-registry`. */
export const SCHEMA_REGISTRY_PREFIX = '/schema-registry';

export interface StartedSchemaRegistry {
  readonly registry: SchemaRegistry;
  readonly registered: readonly RegisteredContract[];
  readonly validate: (streamId: string, events: readonly NewEvent[]) => void;
  readonly codec: PublicEventCodec;
  readonly plugin: typeof schemaRegistryPlugin;
}

/**
 * Registers every contract of `contractsDir` (an incompatible change stops the start, with the reason) and
 * builds, from what was registered, the append validator and the outbox codec.
 */
export const startSchemaRegistry = async (
  database: Database,
  contractsDir: string,
): Promise<StartedSchemaRegistry> => {
  const registry = createSchemaRegistry(database);
  const registered = await registerContracts(registry, await loadContracts(contractsDir));
  const catalog = createContractCatalog(registered);
  return {
    registry,
    registered,
    validate: createAppendValidator(catalog),
    codec: createPublicEventCodec(catalog),
    plugin: schemaRegistryPlugin,
  };
};
