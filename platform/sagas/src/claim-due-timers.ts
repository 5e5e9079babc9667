import type { Database } from '@omnistream/event-store';
import type { DueTimer } from './create-saga-runner.js';

/**
 * Leases due timers to one poller. `for update skip locked` lets pollers in several processes claim disjoint
 * timers without waiting on each other; the claim commits on its own because a row lock assigns a transaction id,
 * and the saga's append must be the first write of the transaction that fires the timer.
 */
const CLAIM = `update omnistream.saga_timers t
     set claimed_until = $2::timestamptz + make_interval(secs => $3::float8 / 1000)
    from (select saga_name, instance_id, timer_name from omnistream.saga_timers
           where saga_name = any($1::text[]) and fired_at is null and cancelled_at is null
             and due_at <= $2::timestamptz and (claimed_until is null or claimed_until <= $2::timestamptz)
           order by due_at
           limit $4
           for update skip locked) due
   where t.saga_name = due.saga_name and t.instance_id = due.instance_id and t.timer_name = due.timer_name
  returning t.saga_name, t.instance_id, t.timer_name, t.timer_id, t.due_at, t.payload`;

export interface ClaimOptions {
  readonly sagaNames: readonly string[];
  /** ISO 8601 UTC: the poller's clock; timers due at or before it are claimed. */
  readonly now: string;
  /** How long the claim holds before another poller may take the timer over. */
  readonly leaseMs: number;
  readonly limit: number;
}

/** Claims in the caller's transaction when given one (tests hold it open), else in a transaction of its own. */
export const claimDueTimers = async (
  db: Pick<Database, 'transaction'>,
  { sagaNames, now, leaseMs, limit }: ClaimOptions,
  tx?: Pick<Database, 'query'>,
): Promise<DueTimer[]> => {
  const claim = (sql: Pick<Database, 'query'>) =>
    sql.query<{
      saga_name: string;
      instance_id: string;
      timer_name: string;
      timer_id: string;
      due_at: Date | string;
      payload: unknown;
    }>(CLAIM, [sagaNames, now, leaseMs, limit]);
  const rows = tx === undefined ? await db.transaction(claim) : await claim(tx);
  return rows
    .map((row) => ({
      sagaName: row.saga_name,
      instanceId: row.instance_id,
      timer: row.timer_name,
      timerId: row.timer_id,
      dueAt: new Date(row.due_at).toISOString(),
      payload: row.payload,
    }))
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
};
