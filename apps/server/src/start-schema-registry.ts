import type { Database } from '@omnistream/event-store';
import { openContracts, schemaRegistryPlugin, type OpenedContracts } from '@omnistream/schema-registry';

/** Where Confluent clients are pointed: `http://host:3000/schema-registry`. */
export const SCHEMA_REGISTRY_PREFIX = '/schema-registry';

export interface StartedSchemaRegistry extends OpenedContracts {
  readonly plugin: typeof schemaRegistryPlugin;
}

/**
 * Registers every contract of `contractsDir` (an incompatible change stops the start, with the reason) and
 * builds, from what was registered, the append validator and the outbox codec; the plugin serves the registry.
 */
export const startSchemaRegistry = async (
  database: Database,
  contractsDir: string,
): Promise<StartedSchemaRegistry> => ({
  ...(await openContracts(database, contractsDir)),
  plugin: schemaRegistryPlugin,
});
