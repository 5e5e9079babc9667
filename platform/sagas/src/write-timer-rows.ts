import type { Sql } from '@omnistream/event-store';
import type { NewEvent } from '@omnistream/kernel';
import { isSagaFrameworkEvent } from './saga-events.js';

const SCHEDULE = `insert into omnistream.saga_timers
    (saga_name, instance_id, timer_name, timer_id, due_at, payload)
  values ($1, $2, $3, $4, $5, $6::jsonb)
  on conflict (saga_name, instance_id, timer_name) do update
    set timer_id = excluded.timer_id, due_at = excluded.due_at, payload = excluded.payload,
        claimed_until = null, fired_at = null, cancelled_at = null`;

/**
 * Mirrors a saga append's timer events into `omnistream.saga_timers`, in the same transaction and after the
 * append (which must be the transaction's first write). The stream stays the truth; the table is its index by
 * due time, so pollers need not read every saga stream.
 */
export const writeTimerRows = async (
  tx: Sql,
  sagaName: string,
  instanceId: string,
  events: readonly NewEvent[],
  now: string,
): Promise<void> => {
  for (const event of events) {
    if (!isSagaFrameworkEvent(event)) continue;
    switch (event.type) {
      case 'SagaTimerScheduled': {
        const { timer, timerId, dueAt, payload } = event.data;
        await tx.query(SCHEDULE, [sagaName, instanceId, timer, timerId, dueAt, JSON.stringify(payload)]);
        break;
      }
      case 'SagaTimerCancelled':
        await tx.query(
          'update omnistream.saga_timers set cancelled_at = $2 where timer_id = $1 and fired_at is null',
          [event.data.timerId, now],
        );
        break;
      case 'SagaInputReceived':
        if (event.data.kind === 'timer') await markTimerFired(tx, event.data.inputId, now);
        break;
      case 'SagaCommandIssued':
      case 'SagaStepCompleted':
      case 'SagaStepFailed':
      case 'SagaEnded':
        break; // no timer changes
    }
  }
};

export const markTimerFired = async (tx: Sql, timerId: string, now: string): Promise<void> => {
  await tx.query('update omnistream.saga_timers set fired_at = $2 where timer_id = $1 and fired_at is null', [
    timerId,
    now,
  ]);
};
