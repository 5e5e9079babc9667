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

const CONTRACTS = fileURLToPath(new URL('../../../contracts', import.meta.url));

/**
 * A contracts folder holding only contracts/<context> (copied), for a test server or registry: other contexts'
 * work in progress cannot fail the caller's tests. `remove` deletes it.
 */
export const contextContractsFolder = async (
  context: string,
): Promise<{ dir: string; remove(): Promise<void> }> => {
  const dir = await mkdtemp(join(tmpdir(), `omnistream-${context}-contracts-`));
  await cp(join(CONTRACTS, context), join(dir, context), { recursive: true });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
};

/** One context's contracts, read by the server's own loader (naming, $schema and meta-schema rules). */
export const loadContextContracts = async (context: string): Promise<Contract[]> => {
  const folder = await contextContractsFolder(context);
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
export const contractValidator = (contracts: readonly Contract[]) => {
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
