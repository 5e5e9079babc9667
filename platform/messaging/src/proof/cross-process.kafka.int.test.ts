import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, stopBroker, type BrokerOptions } from '../../../../scripts/kafka/broker.js';
import { postgresTestUrl } from '@omnistream/testing';
import { freePort } from '../kafka/kafka-test-helpers.js';
import { runBrokerKillScenario } from './broker-kill-scenario.js';
import { runConsumerKillScenario } from './consumer-kill-scenario.js';
import { prepareProofRun, type ProofRun, type ProofRunOptions } from './prepare-proof-run.js';
import { createProofProcesses } from './proof-processes.js';
import { exactlyOnce } from './read-ledger-outcome.js';

// Collected only with OMNISTREAM_TEST_KAFKA_BROKERS (vitest.config.ts); the processes also need a PostgreSQL server.
const adminUrl = postgresTestUrl();
const sharedBrokers = (process.env.OMNISTREAM_TEST_KAFKA_BROKERS ?? '').split(',').filter(Boolean);
const processes = createProofProcesses();
const runs: ProofRun[] = [];
afterAll(async () => {
  await processes.killAll();
  for (const run of runs) await run.cleanup();
}, 60_000);

const prepare = async (brokers: readonly string[], options: Partial<ProofRunOptions> = {}) => {
  const run = await prepareProofRun({
    adminUrl: adminUrl ?? '',
    bus: { kind: 'kafka', brokers, clientId: 'ledger-proof' },
    events: 600,
    accounts: 6,
    paceMs: 10,
    partitions: 3,
    ...options,
  });
  runs.push(run);
  return run;
};

describe.skipIf(adminUrl === undefined)('a producer and a consumer process connected by Kafka', () => {
  it(
    'apply every deposit exactly once, in stream order, when the consumer is SIGKILLed mid-stream and restarted',
    { timeout: 120_000 },
    async () => {
      const run = await prepare(sharedBrokers);
      const report = await runConsumerKillScenario(run, processes);
      console.info('kafka consumer kill:', JSON.stringify({ ...report, outcome: undefined }));
      expect(report.outcome).toEqual(exactlyOnce(run.config.events));
      expect(report.killedExit).toBe('SIGKILL');
      expect(report.appliedAtKill).toBeLessThan(run.config.events);
      expect(report).toMatchObject({ producerExit: 0, restartedExit: 0, finalLag: 0 });
      // The kill fell inside a batch: messages already applied came again, and the inbox alone absorbed them.
      expect(report.redeliveries.afterEffect).toBeGreaterThan(0);
    },
  );

  describe('on a broker of their own', () => {
    // Own ports and directory, so that killing it never disturbs the shared broker.
    let broker: BrokerOptions = { dir: '' };
    let bootstrap = '';
    beforeAll(async () => {
      broker = {
        dir: await mkdtemp(join(tmpdir(), 'omnistream-proof-kafka-')),
        port: await freePort(),
        controllerPort: await freePort(),
      };
      bootstrap = (await startBroker(broker)).bootstrap;
    }, 120_000);
    afterAll(async () => {
      await processes.killAll();
      if (broker.dir === '') return;
      await stopBroker({ dir: broker.dir });
      await rm(broker.dir, { recursive: true, force: true });
    }, 60_000);

    it(
      'apply every deposit exactly once, in stream order, when the broker is SIGKILLed mid-run and restarted',
      { timeout: 180_000 },
      async () => {
        const run = await prepare([bootstrap], { events: 1_200, paceMs: 12 });
        const report = await runBrokerKillScenario(run, processes, broker, 3_000);
        console.info('kafka broker kill:', JSON.stringify({ ...report, outcome: undefined }));
        expect(report.outcome).toEqual(exactlyOnce(run.config.events));
        expect(report).toMatchObject({ producerExit: 0, consumerExit: 0, finalLag: 0 });
        expect(report.appliedAtKill).toBeLessThan(run.config.events);
      },
    );
  });
});
