import { performance } from 'node:perf_hooks';
import { uuidV7 } from '@omnistream/kernel';
import type { Database } from '@omnistream/event-store';

/** The database ceiling: single-row autocommit INSERTs per second of a small JSON row, `writers` at once. */
export const measureRawInserts = async (
  db: Database,
  writers: number,
  durationMs: number,
): Promise<number> => {
  await db.query('create table if not exists bench_raw_orders (id uuid primary key, body jsonb not null)');
  let rows = 0;
  const started = performance.now();
  const end = started + durationMs;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (performance.now() < end) {
        await db.query('insert into bench_raw_orders (id, body) values ($1::uuid, $2::text::jsonb)', [
          uuidV7(),
          JSON.stringify({ sku: 'SKU-1', quantity: 1 }),
        ]);
        rows += 1;
      }
    }),
  );
  return rows / ((performance.now() - started) / 1000);
};
