import { DomainError, isDomainError } from '@omnistream/kernel';
import {
  subscribe,
  type EventStore,
  type Sql,
  type Subscription,
  type SubscriptionStatus,
} from '@omnistream/event-store';
import type { Projection } from './projection.js';
import { readRegistry, type ProjectionState } from './read-registry.js';
import { registerProjection } from './register-projection.js';
import { retireProjection } from './retire-projection.js';
import { subscriptionName } from './subscription-name.js';
import { switchProjection } from './switch-projection.js';
import { versionedTable } from './versioned-table.js';

export interface StartProjectionOptions {
  /** The projection is written inline by `inlineProjection` once active; its subscription only builds it. */
  readonly inline?: boolean;
  /** When a newer version has taken over, drop this version's tables (see retireProjection) as it stops. */
  readonly dropTablesWhenRetired?: boolean;
  /** How often a runner with nothing to apply checks whether a newer version took over, in milliseconds. */
  readonly checkIntervalMs?: number;
  readonly batchSize?: number;
  readonly pollIntervalMs?: number;
  /** Called for each failed batch or switch attempt; both are retried. */
  readonly onError?: (error: unknown) => void;
}

export interface ProjectionStatus {
  readonly name: string;
  readonly version: number;
  readonly state: 'starting' | ProjectionState | 'stopped';
  /** The subscription building (or, for asynchronous projections, updating) this version, while it runs. */
  readonly subscription?: SubscriptionStatus;
  readonly failedAttempts: number;
}

export interface ProjectionHandle {
  status(): ProjectionStatus;
  /** Resolves once this version's tables reflect everything committed on the feed before the call. */
  caughtUp(): Promise<void>;
  /** Resolves once this version is the active one; rejects if it is retired or stopped first. */
  activated(): Promise<void>;
  stop(): Promise<void>;
}

const SUPERSEDED = 'PROJECTION_SUPERSEDED';

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * Runs one projection version: registers it (creating its tables when new), builds it from the start of the feed
 * beside the active version, switches to it once caught up (switchProjection) and then keeps it current — through
 * its subscription, or inline through the append hook (`inline: true`). A version that finds a newer one active
 * stops itself. Each batch checks this version's state in its own transaction, so a batch that loses the race with
 * a switch rolls back rather than applying events twice.
 */
export const startProjection = (
  store: EventStore,
  projection: Projection,
  options: StartProjectionOptions = {},
): ProjectionHandle => {
  const db = store.database;
  const inline = options.inline ?? false;
  const checkIntervalMs = options.checkIntervalMs ?? 1000;
  const t = versionedTable(projection.name, projection.version, projection.tables);
  // Inline versions stop their subscription at the switch; asynchronous ones keep it.
  const mayApply: readonly ProjectionState[] = inline ? ['building'] : ['building', 'active'];

  let state: ProjectionStatus['state'] = 'starting';
  let subscription: Subscription | undefined;
  let stopping = false;
  let failedAttempts = 0;
  let announce: () => void = () => {};
  let changed = new Promise<void>((resolve) => (announce = resolve));
  /** Wakes the runner and every waiter: the state or the subscription changed. */
  const notify = () => {
    const wake = announce;
    changed = new Promise<void>((resolve) => (announce = resolve));
    wake();
  };
  const setState = (next: ProjectionStatus['state']) => {
    state = next;
    notify();
  };

  const guard = async (tx: Sql) => {
    const [row] = await tx.query<{ state: ProjectionState }>(
      'select state from omnistream.projections where name = $1 and version = $2 for share',
      [projection.name, projection.version],
    );
    if (row === undefined || !mayApply.includes(row.state))
      throw new DomainError(
        SUPERSEDED,
        `projection ${projection.name} v${projection.version} is ${row?.state ?? 'gone'}`,
      );
  };

  const startSubscription = () => {
    if (subscription !== undefined) return;
    subscription = subscribe(store, {
      name: subscriptionName(projection.name, projection.version),
      startFrom: 'beginning',
      handle: async (events, tx) => {
        await guard(tx);
        await projection.handle(events, tx, t);
      },
      ...(projection.filter === undefined ? {} : { filter: projection.filter }),
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
      ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
      onError: (error) => {
        if (isDomainError(error, SUPERSEDED)) notify();
        else options.onError?.(error);
      },
    });
    notify();
  };
  const stopSubscription = async () => {
    const running = subscription;
    subscription = undefined;
    if (running === undefined) return;
    await running.stop();
    notify();
  };
  const readState = async (): Promise<ProjectionState> =>
    (await readRegistry(db, projection.name)).find((row) => row.version === projection.version)?.state ??
    'retired';

  const step = async (current: ProjectionState): Promise<ProjectionState | 'done'> => {
    switch (current) {
      case 'retired':
        await stopSubscription();
        if (options.dropTablesWhenRetired === true)
          await retireProjection(db, projection.name, projection.version);
        return 'done';
      case 'active': {
        if (inline) await stopSubscription();
        else startSubscription();
        await Promise.race([delay(checkIntervalMs), changed]);
        return readState();
      }
      case 'building': {
        startSubscription();
        const building = subscription as Subscription;
        const caughtUp = await Promise.race([
          building.caughtUp().then(
            () => true,
            () => false,
          ),
          changed.then(() => false),
        ]);
        if (!caughtUp || stopping) return readState();
        // Paused so that the switch does not race its own subscription for the checkpoint.
        await stopSubscription();
        return switchProjection(store, projection, { inline });
      }
    }
  };

  const run = async () => {
    let current: ProjectionState | undefined;
    while (!stopping) {
      try {
        current ??= await registerProjection(db, projection);
        if (state !== current) setState(current);
        const next = await step(current);
        if (next === 'done') return;
        current = next;
        failedAttempts = 0;
      } catch (error) {
        failedAttempts += 1;
        options.onError?.(error);
        await Promise.race([delay(Math.min(30_000, 100 * 2 ** failedAttempts)), changed]);
        if (current !== undefined) current = await readState().catch(() => current);
      }
    }
  };
  const running = run().finally(async () => {
    await stopSubscription();
    if (state !== 'retired') setState('stopped');
    else notify();
  });

  const finished = () =>
    new DomainError('PROJECTION_STOPPED', `projection ${projection.name} v${projection.version} is ${state}`);

  return {
    status: () => ({
      name: projection.name,
      version: projection.version,
      state,
      failedAttempts,
      ...(subscription === undefined ? {} : { subscription: subscription.status() }),
    }),
    caughtUp: async () => {
      for (;;) {
        if (state === 'retired' || state === 'stopped') throw finished();
        if (state === 'active' && inline) return;
        const waiting = changed;
        const current = subscription;
        // A subscription stopped under us never settles its waiters: the change signal frees them.
        const done =
          current === undefined
            ? false
            : await Promise.race([
                current.caughtUp().then(
                  () => true,
                  () => false,
                ),
                waiting.then(() => false),
              ]);
        if (done) return;
        if (current === undefined) await waiting;
      }
    },
    activated: async () => {
      for (;;) {
        if (state === 'active') return;
        if (state === 'retired' || state === 'stopped') throw finished();
        await changed;
      }
    },
    stop: async () => {
      stopping = true;
      notify();
      await running;
    },
  };
};
