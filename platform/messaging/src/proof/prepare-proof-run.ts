import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPostgresDatabase, type Database } from '@omnistream/event-store';
import { createScratchDatabase } from '@omnistream/testing';
import type { ProofBusConfig, ProofConfig } from './proof-config.js';

export interface ProofRun {
  readonly config: ProofConfig;
  /** The test's own connections, for reading the outcome; the children open theirs. */
  readonly store: Database;
  readonly effects: Database;
  readonly topic: string;
  cleanup(): Promise<void>;
}

export interface ProofRunOptions {
  readonly adminUrl: string;
  readonly bus: ProofBusConfig;
  readonly events: number;
  readonly accounts: number;
  readonly paceMs: number;
  readonly partitions: number;
}

const contract = fileURLToPath(
  new URL('./contracts/ledger/account/Deposited.v1.schema.json', import.meta.url),
);

/**
 * Fresh scratch databases (two on Kafka, so the processes share nothing but the broker; one on the in-process bus,
 * whose log lives in it) and a contracts folder holding this folder's Deposited contract under a context unique to
 * the run, so that its topic is new even on a broker that earlier runs used.
 */
export const prepareProofRun = async (options: ProofRunOptions): Promise<ProofRun> => {
  const suffix = randomBytes(4).toString('hex');
  const undo: (() => Promise<unknown>)[] = [];
  const cleanup = async () => {
    for (const step of undo.reverse()) await step().catch(() => undefined);
  };
  try {
    const contractsDir = await mkdtemp(join(tmpdir(), 'omnistream-proof-contracts-'));
    undo.push(() => rm(contractsDir, { recursive: true, force: true }));
    const context = `ledger-${suffix}`;
    await mkdir(join(contractsDir, context, 'account'), { recursive: true });
    await copyFile(contract, join(contractsDir, context, 'account', 'Deposited.v1.schema.json'));

    const storeScratch = await createScratchDatabase(options.adminUrl, 'omnistream_proof');
    undo.push(() => storeScratch.drop());
    const effectsScratch =
      options.bus.kind === 'kafka'
        ? await createScratchDatabase(options.adminUrl, 'omnistream_proof')
        : storeScratch;
    if (effectsScratch !== storeScratch) undo.push(() => effectsScratch.drop());
    // Opened after the drops were registered, so that cleanup closes them before dropping.
    const store = await openPostgresDatabase({ url: storeScratch.url, maxConnections: 2 });
    undo.push(() => store.close());
    const effects =
      effectsScratch === storeScratch
        ? store
        : await openPostgresDatabase({ url: effectsScratch.url, maxConnections: 2 });
    if (effects !== store) undo.push(() => effects.close());

    return {
      config: {
        storeUrl: storeScratch.url,
        effectsUrl: effectsScratch.url,
        bus: options.bus,
        contractsDir,
        group: `ledger-proof-${suffix}`,
        partitions: options.partitions,
        events: options.events,
        accounts: options.accounts,
        paceMs: options.paceMs,
      },
      store,
      effects,
      topic: `${context}.account`,
      cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
};
