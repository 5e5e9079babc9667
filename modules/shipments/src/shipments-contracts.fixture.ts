import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DomainError, type NewEvent } from '@omnistream/kernel';
import { streamCategory } from '@omnistream/event-store';
import {
  compileJsonSchema,
  describeValidationError,
  loadContracts,
  type Contract,
} from '@omnistream/schema-registry';

const SHIPMENTS_CONTRACTS = fileURLToPath(new URL('../../../contracts/shipments', import.meta.url));

/**
 * Test fixture: a contracts folder holding only contracts/shipments (copied), so other contexts' work in progress
 * cannot fail these tests. Remove it when done.
 */
export const shipmentsContractsFolder = async (): Promise<{ dir: string; remove(): Promise<void> }> => {
  const dir = await mkdtemp(join(tmpdir(), 'omnistream-shipments-contracts-'));
  await cp(SHIPMENTS_CONTRACTS, join(dir, 'shipments'), { recursive: true });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
};

/** The shipments contracts, read by the server's own loader (naming, $schema and meta-schema rules). */
export const loadShipmentsContracts = async (): Promise<Contract[]> => {
  const folder = await shipmentsContractsFolder();
  try {
    return await loadContracts(folder.dir);
  } finally {
    await folder.remove();
  }
};

/**
 * The event store's `validate` hook as the server builds it, without a registry (for tests without a database):
 * a public event whose data does not fit its contract fails with SCHEMA_VALIDATION_FAILED.
 */
export const shipmentsContractValidator = (contracts: readonly Contract[]) => {
  const validators = new Map(
    contracts.map((contract) => [
      `${contract.category}/${contract.eventType}`,
      { contract, validate: compileJsonSchema(contract.schema) },
    ]),
  );
  return (streamId: string, events: readonly NewEvent[]): void => {
    for (const event of events) {
      const entry = validators.get(`${streamCategory(streamId)}/${event.type}`);
      if (entry === undefined || entry.validate(event.data)) continue;
      const error = entry.validate.errors?.[0];
      throw new DomainError(
        'SCHEMA_VALIDATION_FAILED',
        `${entry.contract.subject}: ${error === undefined ? '/ is invalid' : describeValidationError(error)}`,
      );
    }
  };
};
