import { DomainError } from '@omnistream/kernel';
import type { SchemaRegistry } from '../registry/create-schema-registry.js';
import { isRegistryError } from '../registry/registry-error.js';
import type { Contract } from './contract.js';

export interface RegisteredContract extends Contract {
  /** The global schema id, written into the wire format of every published event. */
  readonly schemaId: number;
}

/**
 * Registers every contract in its subject, at start-up. Idempotent: an unchanged contract gets its id back, an
 * additive change a new version under the subject's level, and an incompatible change stops the start with the
 * registry's account of what broke.
 */
export const registerContracts = async (
  registry: SchemaRegistry,
  contracts: readonly Contract[],
): Promise<RegisteredContract[]> => {
  const registered: RegisteredContract[] = [];
  for (const contract of contracts) {
    try {
      const { id } = await registry.register(contract.subject, {
        schema: JSON.stringify(contract.schema),
        schemaType: 'JSON',
      });
      registered.push({ ...contract, schemaId: id });
    } catch (error) {
      if (!isRegistryError(error)) throw error;
      throw new DomainError(
        error.status === 409 ? 'CONTRACT_INCOMPATIBLE' : 'INVALID_CONTRACT',
        `contracts/${contract.file} cannot be registered as ${contract.subject}: ${error.message}` +
          (error.status === 409
            ? `. A breaking change is a new version (.v${contract.version + 1}) plus an upcaster.`
            : ''),
        { file: contract.file, subject: contract.subject },
      );
    }
  }
  return registered;
};
