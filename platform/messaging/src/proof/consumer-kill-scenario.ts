import { awaitApplications } from './await-applications.js';
import type { ProofRun } from './prepare-proof-run.js';
import type { ProofProcesses } from './proof-processes.js';
import { readLedgerOutcome, type LedgerOutcome } from './read-ledger-outcome.js';
import { readRedeliveries, type Redeliveries } from './read-redeliveries.js';

export interface ConsumerKillReport {
  readonly outcome: LedgerOutcome;
  readonly redeliveries: Redeliveries;
  /** Applications committed when the first consumer was killed. */
  readonly appliedAtKill: number;
  /** The group's lag reported by the restarted consumer just before its clean stop. */
  readonly finalLag: number;
  readonly producerExit: number | string;
  readonly killedExit: number | string;
  readonly restartedExit: number | string;
  readonly seconds: number;
}

/**
 * Issue point 6, case (a), on whatever bus the run is configured with: the producer appends and relays, a consumer
 * starts half-way through, applies deposits and is SIGKILLed after about a third of them, a new consumer process
 * of the same group takes over, and the run ends when every deposit is applied and the consumer stops cleanly.
 */
export const runConsumerKillScenario = async (
  run: ProofRun,
  processes: ProofProcesses,
): Promise<ConsumerKillReport> => {
  const started = performance.now();
  const { config, effects, store } = run;
  const producer = processes.start('producer', config);
  // The consumer starts behind, so that it is busy with a backlog when it is killed: a kill that lands between two
  // batches would leave the inbox nothing to do. Progress is printed every 25 deposits.
  await producer.line(new RegExp(`^appended ${Math.ceil(config.events / 50) * 25}$`));
  const first = processes.start('consumer', config);
  await first.line(/^consuming$/);

  await awaitApplications(effects, Math.ceil(config.events / 3), {
    timeoutMs: 30_000,
    what: 'before the kill',
  });
  const killedExit = await first.kill('SIGKILL');
  const appliedAtKill = await awaitApplications(effects, 0, { timeoutMs: 0, what: 'at the kill' });

  const second = processes.start('consumer', config);
  await second.line(/^consuming$/);
  const producerExit = await producer.exited;
  if (producerExit !== 0)
    throw new Error(
      `the producer exited with ${producerExit}\n${producer.stderrLines.slice(-15).join('\n')}`,
    );
  await awaitApplications(effects, config.events, {
    timeoutMs: 45_000,
    settleMs: 1_500,
    what: 'after the restart',
  });
  const restartedExit = await second.kill('SIGTERM');
  const lag = await second.line(/^lag (\d+)$/);
  return {
    outcome: await readLedgerOutcome(store, effects),
    redeliveries: await readRedeliveries(effects),
    appliedAtKill,
    finalLag: Number(lag[1]),
    producerExit,
    killedExit,
    restartedExit,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
};
