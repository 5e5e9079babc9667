import type { Migration } from '@omnistream/event-store';

/**
 * Durable saga timers. A row is written in the same transaction as the saga stream's `SagaTimerScheduled`, so a
 * timer exists exactly when the stream says it does; `fired_at` and `cancelled_at` are written with the events
 * that consume it. `claimed_until` is a poller's lease: a poller that dies mid-fire lets the lease lapse and
 * another fires the timer (the saga stream ignores a second firing of the same timer id).
 */
export const sagasSchema: Migration = {
  id: '0006-sagas',
  sql: `
create table omnistream.saga_timers (
  saga_name text not null,
  instance_id text not null,
  timer_name text not null,
  timer_id uuid not null,
  due_at timestamptz not null,
  payload jsonb not null,
  claimed_until timestamptz,
  fired_at timestamptz,
  cancelled_at timestamptz,
  constraint saga_timers_pkey primary key (saga_name, instance_id, timer_name)
);

create unique index saga_timers_timer_id on omnistream.saga_timers (timer_id);

create index saga_timers_due on omnistream.saga_timers (due_at) where fired_at is null and cancelled_at is null;
`,
};
