import { awaitApplications } from './await-applications.js';
import type { ProofRun } from './prepare-proof-run.js';
import type { ProofProcesses } from './proof-processes.js';
import { readLedgerOutcome, type LedgerOutcome } from './read-ledger-outcome.js';

export interface ConsumerKillReport {
  readonly outcome: LedgerOutcome;
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
 * applies deposits and is SIGKILLed after about a third of them, a new consumer process of the same group takes
 * over, and the run ends when every deposit is applied and the consumer stops cleanly.
 */
export const runConsumerKillScenario = async (
  run: ProofRun,
  processes: ProofProcesses,
): Promise<ConsumerKillReport> => {
  const started = performance.now();
  const { config, effects, store } = run;
  const producer = processes.start('producer', config);
  await producer.line(/^ready$/);
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
    appliedAtKill,
    finalLag: Number(lag[1]),
    producerExit,
    killedExit,
    restartedExit,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
};
