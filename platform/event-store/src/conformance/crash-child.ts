/**
 * A process that appends and subscribes until it is killed (`work`), or that only drains its subscription and
 * exits (`drain`). Driven by crash.int.test.ts, which kills it with SIGKILL mid-write.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  createEventStore,
  openDatabase,
  platformMigrations,
  runMigrations,
  subscribe,
  type DatabaseConfig,
} from '../index.js';

const [mode, configJson] = process.argv.slice(2);
const config = JSON.parse(configJson ?? '{}') as DatabaseConfig;
const db = await openDatabase(config);
await runMigrations(db, platformMigrations);
await db.query(
  'create table if not exists crash_effects (event_id uuid not null, stream_id text not null, version int not null)',
);
const store = createEventStore(db);

const subscription = subscribe(store, {
  name: 'crash',
  batchSize: 20,
  pollIntervalMs: 20,
  handle: async (events, tx) => {
    for (const event of events) {
      await tx.query('insert into crash_effects (event_id, stream_id, version) values ($1, $2, $3)', [
        event.id,
        event.streamId,
        event.version,
      ]);
      if (event.version % 7 === 0) await sleep(1); // widen the window in which a kill lands mid-transaction
    }
  },
});

if (mode === 'drain') {
  await subscription.caughtUp();
  await subscription.stop();
  await store.close();
  await db.close();
  process.stdout.write('drained\n');
  process.exit(0);
}

const run = process.pid;
for (let batch = 0; ; batch += 1) {
  const tag = { run, batch };
  if (batch % 3 === 2) {
    await store.appendMany([
      {
        streamId: `crash-${batch % 10}`,
        events: [0, 1].map((n) => ({
          type: 'Paired',
          data: { n },
          metadata: { batch: `${run}-${batch}`, size: 4 },
        })),
      },
      {
        streamId: `crash-${(batch + 5) % 10}`,
        events: [2, 3].map((n) => ({
          type: 'Paired',
          data: { n },
          metadata: { batch: `${run}-${batch}`, size: 4 },
        })),
      },
    ]);
  } else {
    await store.append(
      `crash-${batch % 10}`,
      Array.from({ length: 5 }, (_, n) => ({
        type: 'Batched',
        data: { n, ...tag },
        metadata: { batch: `${run}-${batch}`, size: 5 },
      })),
    );
  }
  process.stdout.write(`acked ${run}-${batch}\n`); // committed: it must survive the kill
  if (batch % 10 === 0) process.stdout.write(`progress ${batch}\n`);
}
