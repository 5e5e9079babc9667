import { setTimeout as sleep } from 'node:timers/promises';
import type { Sql } from '@omnistream/event-store';

const applied = async (effects: Sql): Promise<number> =>
  (await effects.query<{ n: number }>('select count(*)::int as n from ledger_proof.applications'))[0]?.n ?? 0;

/**
 * Polls the consumer's append-only applications table until it holds at least `count` rows, then returns how many
 * it holds. `settleMs` then keeps watching for that long after the count is reached, so that a late second
 * application (a redelivery that the inbox failed to absorb) is in the table before the test reads the outcome.
 */
export const awaitApplications = async (
  effects: Sql,
  count: number,
  options: { readonly timeoutMs: number; readonly settleMs?: number; readonly what: string },
): Promise<number> => {
  const deadline = performance.now() + options.timeoutMs;
  for (;;) {
    const n = await applied(effects);
    if (n >= count) break;
    if (performance.now() > deadline)
      throw new Error(
        `only ${n} of ${count} deposits applied after ${options.timeoutMs} ms (${options.what})`,
      );
    await sleep(100);
  }
  if (options.settleMs !== undefined) await sleep(options.settleMs);
  return applied(effects);
};
