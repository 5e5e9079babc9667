import type { ValidateFunction } from 'ajv/dist/2020.js';
import { DomainError } from '@omnistream/kernel';
import type { RegisteredContract } from '../contracts/register-contracts.js';
import { compileJsonSchema, describeValidationError } from '../json-schema/compile-json-schema.js';

/** A registered contract with its compiled validator. */
export interface CatalogEntry {
  readonly contract: RegisteredContract;
  /** Throws DomainError SCHEMA_VALIDATION_FAILED, naming the subject, the JSON path and the failing keyword. */
  assertValid(data: unknown): void;
}

/**
 * The registered public contracts in memory, so that checking an event is synchronous (the event store calls
 * it inside append) and costs one compiled Ajv function. Validators are compiled once per schema id.
 */
export interface ContractCatalog {
  /** The contracts of a stream category and event type, by data version; undefined for a private event. */
  versions(category: string, eventType: string): ReadonlyMap<number, CatalogEntry> | undefined;
  /** The entry for an event's data version; SCHEMA_NOT_REGISTERED when the event is public but that version is not. */
  entry(category: string, eventType: string, version: number): CatalogEntry | undefined;
}

export const createContractCatalog = (contracts: readonly RegisteredContract[]): ContractCatalog => {
  const validators = new Map<number, ValidateFunction>();
  // Category, then event type, then data version: looked up for every event relayed, without building a key.
  const byEvent = new Map<string, Map<string, Map<number, CatalogEntry>>>();
  for (const contract of contracts) {
    let validate = validators.get(contract.schemaId);
    if (validate === undefined) {
      validate = compileJsonSchema(contract.schema);
      validators.set(contract.schemaId, validate);
    }
    const check = validate;
    const entry: CatalogEntry = {
      contract,
      assertValid: (data) => {
        if (check(data)) return;
        const error = check.errors?.[0];
        const problem = error === undefined ? '/ is invalid' : describeValidationError(error);
        throw new DomainError('SCHEMA_VALIDATION_FAILED', `${contract.subject}: ${problem}`, {
          subject: contract.subject,
          schemaId: contract.schemaId,
          path: error?.instancePath ?? '',
          keyword: error?.keyword ?? '',
        });
      },
    };
    let types = byEvent.get(contract.category);
    if (types === undefined)
      byEvent.set(contract.category, (types = new Map<string, Map<number, CatalogEntry>>()));
    let versions = types.get(contract.eventType);
    if (versions === undefined) types.set(contract.eventType, (versions = new Map<number, CatalogEntry>()));
    versions.set(contract.version, entry);
  }
  const versions = (category: string, eventType: string) => byEvent.get(category)?.get(eventType);
  return {
    versions,
    entry: (category, eventType, version) => {
      const known = versions(category, eventType);
      if (known === undefined) return undefined;
      const entry = known.get(version);
      if (entry === undefined)
        throw new DomainError(
          'SCHEMA_NOT_REGISTERED',
          `${eventType} in category ${category} is public, but its data version ${version} has no contract ` +
            `(known: ${[...known.keys()].join(', ')})`,
          { category, eventType, version },
        );
      return entry;
    },
  };
};

/** An event's data version: `metadata.schemaVersion`, absent meaning 1. */
export const dataVersion = (metadata: { readonly schemaVersion?: number } | undefined): number =>
  metadata?.schemaVersion ?? 1;
