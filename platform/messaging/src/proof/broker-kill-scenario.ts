import { setTimeout as sleep } from 'node:timers/promises';
import { killBroker, startBroker, type BrokerOptions } from '../../../../scripts/kafka/broker.js';
import { awaitApplications } from './await-applications.js';
import type { ProofRun } from './prepare-proof-run.js';
import type { ProofProcess, ProofProcesses } from './proof-processes.js';
import { readLedgerOutcome, type LedgerOutcome } from './read-ledger-outcome.js';
import { readRedeliveries, type Redeliveries } from './read-redeliveries.js';

export interface BrokerKillReport {
  readonly outcome: LedgerOutcome;
  readonly redeliveries: Redeliveries;
  readonly appliedAtKill: number;
  /** Applied when the restarted broker answered again: the consumer cannot have moved much while it was away. */
  readonly appliedAtRestart: number;
  readonly downMs: number;
  readonly finalLag: number;
  readonly producerExit: number | string;
  readonly consumerExit: number | string;
  /** Warnings the processes logged during the run: evidence that they saw the outage and rode it out. */
  readonly relayRetries: number;
  readonly consumerErrors: number;
  readonly seconds: number;
}

const stillRunning = async (child: ProofProcess): Promise<boolean> =>
  (await Promise.race([child.exited, sleep(0, 'running' as const)])) === 'running';

const counted = (child: ProofProcess, message: string): number =>
  child.stderrLines.filter((line) => line.includes(message)).length;

/**
 * Issue point 6, case (b): the same producer and consumer processes on a broker of the test's own, which is
 * SIGKILLed after about a third of the deposits and restarted after `downForMs`. Neither process is restarted: if
 * they cannot recover on their own, the run fails (a finding), it is not rescued.
 */
export const runBrokerKillScenario = async (
  run: ProofRun,
  processes: ProofProcesses,
  broker: BrokerOptions,
  downForMs: number,
): Promise<BrokerKillReport> => {
  const started = performance.now();
  const { config, effects, store } = run;
  const producer = processes.start('producer', config);
  await producer.line(/^ready$/);
  const consumer = processes.start('consumer', config);
  await consumer.line(/^consuming$/);

  await awaitApplications(effects, Math.ceil(config.events / 3), {
    timeoutMs: 30_000,
    what: 'before the kill',
  });
  if (!(await killBroker(broker))) throw new Error('the proof broker was not running');
  const killedAt = performance.now();
  const appliedAtKill = await awaitApplications(effects, 0, { timeoutMs: 0, what: 'at the kill' });
  await sleep(downForMs);
  await startBroker(broker);
  const downMs = Math.round(performance.now() - killedAt);
  const appliedAtRestart = await awaitApplications(effects, 0, { timeoutMs: 0, what: 'at the restart' });
  if (!(await stillRunning(consumer)))
    throw new Error(`the consumer died in the outage\n${consumer.stderrLines.slice(-15).join('\n')}`);

  const producerExit = await producer.exited;
  if (producerExit !== 0)
    throw new Error(
      `the producer exited with ${producerExit}\n${producer.stderrLines.slice(-15).join('\n')}`,
    );
  await awaitApplications(effects, config.events, {
    timeoutMs: 60_000,
    settleMs: 1_500,
    what: 'after the broker restart',
  });
  if (!(await stillRunning(consumer))) throw new Error('the consumer exited on its own');
  const consumerExit = await consumer.kill('SIGTERM');
  const lag = await consumer.line(/^lag (\d+)$/);
  return {
    outcome: await readLedgerOutcome(store, effects),
    redeliveries: await readRedeliveries(effects),
    appliedAtKill,
    appliedAtRestart,
    downMs,
    finalLag: Number(lag[1]),
    producerExit,
    consumerExit,
    relayRetries: counted(producer, 'outbox relay batch failed'),
    consumerErrors: counted(consumer, 'kafka consumer error'),
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
};
