import { afterAll, describe, expect, it } from 'vitest';
import { postgresTestUrl } from '@omnistream/testing';
import { runConsumerKillScenario } from './consumer-kill-scenario.js';
import { prepareProofRun, type ProofRun } from './prepare-proof-run.js';
import { createProofProcesses } from './proof-processes.js';
import { exactlyOnce } from './read-ledger-outcome.js';

// Two processes need a database server both can reach; PGlite lives inside one process. Without
// OMNISTREAM_TEST_POSTGRES_URL the case is reported as skipped (the repository's convention), not silently absent.
const adminUrl = postgresTestUrl();
const processes = createProofProcesses();
const runs: ProofRun[] = [];
afterAll(async () => {
  await processes.killAll();
  for (const run of runs) await run.cleanup();
}, 60_000);

describe.skipIf(adminUrl === undefined)('a producer and a consumer process on the in-process bus', () => {
  it(
    'apply every deposit exactly once, in stream order, when the consumer is SIGKILLed mid-stream and restarted',
    { timeout: 120_000 },
    async () => {
      const events = 600;
      const run = await prepareProofRun({
        adminUrl: adminUrl ?? '',
        bus: { kind: 'in-process' },
        events,
        accounts: 6,
        paceMs: 10,
        partitions: 3,
      });
      runs.push(run);
      const report = await runConsumerKillScenario(run, processes);
      console.info('in-process consumer kill:', JSON.stringify({ ...report, outcome: undefined }));
      expect(report.outcome).toEqual(exactlyOnce(events));
      expect(report.killedExit).toBe('SIGKILL');
      expect(report.appliedAtKill).toBeLessThan(events);
      expect(report).toMatchObject({ producerExit: 0, restartedExit: 0, finalLag: 0 });
      // The kill fell inside a batch: messages already applied came again, and the inbox alone absorbed them.
      expect(report.redeliveries.afterEffect).toBeGreaterThan(0);
    },
  );
});
