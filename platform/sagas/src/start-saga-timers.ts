import type { EventStore } from '@omnistream/event-store';
import { systemClock, type Clock } from '@omnistream/kernel';
import { claimDueTimers } from './claim-due-timers.js';
import { createSagaRunner, type SagaRunner } from './create-saga-runner.js';
import type { AnySaga } from './saga-definition.js';
import { retryOnConflict } from './retry-on-conflict.js';

export interface SagaTimersOptions {
  readonly store: EventStore;
  /** The sagas whose timers this poller fires; or a runner already built for them. */
  readonly sagas: readonly AnySaga[] | SagaRunner;
  readonly clock?: Clock;
  readonly pollIntervalMs?: number;
  /** How long a claimed timer is this poller's; after that another poller may fire it. */
  readonly leaseMs?: number;
  readonly batchSize?: number;
  readonly onError?: (error: unknown) => void;
}

export interface SagaTimers {
  /** Claims and fires every timer due now; resolves to how many it fired. The loop calls it; tests may too. */
  pollNow(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The durable timer poller. It polls at once on start, so timers that came due while no process ran fire at
 * start-up, then every `pollIntervalMs`. Each timer fires in its own transaction: the saga's append, its timer
 * rows and the timer's `fired_at` commit together.
 */
export const startSagaTimers = (options: SagaTimersOptions): SagaTimers => {
  const { store, clock = systemClock, pollIntervalMs = 1000, leaseMs = 30_000, batchSize = 100 } = options;
  const runner =
    'handle' in options.sagas ? options.sagas : createSagaRunner(store, options.sagas, { clock });
  const sagaNames = runner.sagas.map((s) => s.name);
  const onError = options.onError ?? (() => {});

  const pollNow = async (): Promise<number> => {
    let fired = 0;
    for (;;) {
      const due = await claimDueTimers(store.database, {
        sagaNames,
        now: clock.now().toISOString(),
        leaseMs,
        limit: batchSize,
      });
      for (const timer of due) {
        try {
          await retryOnConflict(() => store.transaction((tx) => runner.fireTimer(timer, tx)));
          fired += 1;
        } catch (error) {
          onError(error); // the lease lapses and the timer is claimed again
        }
      }
      if (due.length < batchSize) return fired;
    }
  };

  let stopped = false;
  let wake: () => void = () => {};
  const loop = async () => {
    while (!stopped) {
      try {
        await pollNow();
      } catch (error) {
        onError(error);
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, pollIntervalMs).unref();
      });
    }
  };
  const running = loop();
  return {
    pollNow,
    stop: async () => {
      stopped = true;
      wake();
      await running;
    },
  };
};
