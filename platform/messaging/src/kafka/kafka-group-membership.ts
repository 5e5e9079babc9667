import type { Consumer } from '@platformatic/kafka';
import type { KafkaConsumerErrorContext } from './kafka-bus-options.js';

type Report = (error: unknown, context: Omit<KafkaConsumerErrorContext, 'group'>) => void;

export interface GroupMembership {
  /** Called by the fetch loop on every turn: starts a rejoin when the client has given up on the group. */
  ensure(): void;
  /** Leaves the group and closes the client, giving each step at most `graceMs`. */
  leaveAndClose(graceMs: number): Promise<void>;
}

const within = <T>(work: Promise<T>, ms: number): Promise<T | 'timeout'> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
};

/**
 * Keeps the member in its group across broker outages. The client heartbeats on a timer of its own, so a long
 * `handle` never costs the membership; but after a heartbeat fails for a reason other than a rebalance (the broker
 * is unreachable), or a rejoin runs out of retries, it stops heartbeating for good and only says so through events.
 * The member then rejoins itself, again and again until the broker answers, and the fetch loop reads the committed
 * offsets of the new generation. A member inactive for longer than a session, with no event, is rejoined too.
 */
export const watchMembership = (
  consumer: Consumer,
  report: Report,
  options: { readonly retryDelayMs: number; readonly sessionTimeoutMs: number },
): GroupMembership => {
  let lost = false;
  let joining = false;
  let closing = false;
  let notBefore = 0;
  let inactiveSince: number | undefined;

  consumer.on('consumer:heartbeat:error', ({ error }) => {
    lost = true;
    report(error, { during: 'group' });
  });
  // The client emits 'error' when its own rejoin gave up; without a listener Node would throw it out of a timer.
  (consumer as unknown as NodeJS.EventEmitter).on('error', (error: unknown) => {
    lost = true;
    report(error, { during: 'group' });
  });

  const rejoin = (): void => {
    joining = true;
    consumer
      .joinGroup({})
      .then(() => {
        lost = false;
        inactiveSince = undefined;
      })
      .catch((error: unknown) => {
        if (closing) return;
        lost = true;
        notBefore = performance.now() + options.retryDelayMs;
        report(error, { during: 'group' });
      })
      .finally(() => (joining = false));
  };

  return {
    ensure: () => {
      if (closing || joining) return;
      const now = performance.now();
      if (consumer.isActive()) inactiveSince = undefined;
      else inactiveSince ??= now;
      const stale = inactiveSince !== undefined && now - inactiveSince > options.sessionTimeoutMs;
      if ((lost || stale) && now >= notBefore) rejoin();
    },
    leaveAndClose: async (graceMs) => {
      closing = true;
      // While a leave is pending the client does not count itself a member, so close() below only drops the
      // connections instead of trying to leave once more (for the client's whole retry budget) when the broker is away.
      const leaving = new Promise<void>((resolve, reject) =>
        consumer.leaveGroup(false, (error) => (error ? reject(error) : resolve())),
      );
      try {
        if ((await within(leaving, graceMs)) === 'timeout')
          report(new Error(`could not leave the group within ${graceMs} ms; the broker expires the member`), {
            during: 'group',
          });
      } catch (error) {
        report(error, { during: 'group' });
      }
      leaving.catch(() => undefined);
      if ((await within(consumer.close(), graceMs)) === 'timeout')
        report(new Error(`the client did not close within ${graceMs} ms`), { during: 'group' });
    },
  };
};
