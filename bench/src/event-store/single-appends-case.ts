import { uuidV7 } from '@omnistream/kernel';
import type { BenchResult } from '../bench-report.js';
import { compareWithCeiling } from '../compare-with-ceiling.js';
import type { BenchContext } from './bench-context.js';
import { orderLineEvent } from './order-line-event.js';
import { createRawEvents } from './raw-events.js';

/** One event appended to a new stream per operation, `writers` at once; ceiling: a one-row autocommit INSERT. */
export const singleAppendsCase = async (
  { adapter, store, timing, storeSettings }: BenchContext,
  writers: number,
): Promise<BenchResult> => {
  const ceiling = await adapter.openCeiling(writers);
  const raw = createRawEvents(ceiling.db);
  try {
    return await compareWithCeiling(
      {
        case: `append 1 event, ${writers} writer${writers === 1 ? '' : 's'}`,
        adapter: adapter.name,
        unit: 'events/s',
        workers: writers,
        notes: `${storeSettings}; ceiling pool ${ceiling.db.maxConnections}`,
        ceiling: async () => {
          const orderId = uuidV7();
          await raw.insertOne(`order-${orderId}`, 1, orderLineEvent(orderId, 0));
          return 1;
        },
        subject: async () => {
          const orderId = uuidV7();
          await store.append(`order-${orderId}`, [orderLineEvent(orderId, 0)], {
            expectedVersion: 'no_stream',
          });
          return 1;
        },
      },
      timing,
    );
  } finally {
    await ceiling.close();
  }
};
