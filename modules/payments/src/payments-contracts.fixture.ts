import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadContracts, type Contract } from '@omnistream/schema-registry';

const PAYMENTS_CONTRACTS = fileURLToPath(new URL('../../../contracts/payments', import.meta.url));

/** Test fixture: a contracts folder holding only contracts/payments (copied), so others' work cannot fail these tests. */
export const paymentsContractsFolder = async (): Promise<{ dir: string; remove(): Promise<void> }> => {
  const dir = await mkdtemp(join(tmpdir(), 'omnistream-payments-contracts-'));
  await cp(PAYMENTS_CONTRACTS, join(dir, 'payments'), { recursive: true });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
};

/** The payments contracts, read by the server's own loader. */
export const loadPaymentsContracts = async (): Promise<Contract[]> => {
  const folder = await paymentsContractsFolder();
  try {
    return await loadContracts(folder.dir);
  } finally {
    await folder.remove();
  }
};
