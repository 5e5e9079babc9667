import type { Database, Unlisten } from '@omnistream/event-store';
import type { Logger } from 'pino';
import { DEAD_LETTER_CHANNEL } from '../dead-letters/dead-letter-channel.js';
import { createWakeSignal } from '../wake-signal.js';
import { safeObserver, type ConsumerOutcomeObserver } from './consumer-outcome.js';
import type { MessageHandler, MessagePreparer } from './deliver-message.js';
import { defaultConsumerRetry, type RetryPolicy } from './retry-delay.js';
import { runDeadLetterWorker } from './run-dead-letter-worker.js';

export interface DeadLetterWorkerOptions {
  readonly db: Database;
  readonly group: string;
  readonly handle: MessageHandler;
  readonly prepare?: MessagePreparer;
  readonly retry?: Partial<RetryPolicy>;
  readonly pollIntervalMs?: number;
  readonly logger?: Logger;
  readonly random?: () => number;
  /** Told of each redriven message the handler took (`delivered`); see ConsumerOptions.onOutcome. */
  readonly onOutcome?: ConsumerOutcomeObserver;
}

/** Runs a group's dead letter worker until stopped, woken by NOTIFY after operators' actions. */
export const startDeadLetterWorker = (options: DeadLetterWorkerOptions): { stop(): Promise<void> } => {
  const { db, group } = options;
  let stopping = false;
  let onStop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (onStop = resolve));
  const signal = createWakeSignal();
  const listening: Promise<Unlisten | undefined> = db
    .listen(DEAD_LETTER_CHANNEL, (payload) => {
      if (payload === group) signal.wake();
    })
    .catch(() => undefined); // polling finds the work anyway
  const done = runDeadLetterWorker(
    db,
    group,
    options.handle,
    {
      group,
      policy: { ...defaultConsumerRetry, ...options.retry },
      random: options.random ?? Math.random,
      stopping: () => stopping,
      now: () => new Date(),
      sleep: (ms) => Promise.race([signal.sleep(ms), stopped]),
      pollIntervalMs: options.pollIntervalMs ?? 1000,
    },
    options.logger,
    options.prepare,
    options.onOutcome === undefined ? undefined : safeObserver(group, options.onOutcome, options.logger),
  );
  return {
    stop: async () => {
      stopping = true;
      onStop();
      await done;
      await (
        await listening
      )?.();
    },
  };
};
