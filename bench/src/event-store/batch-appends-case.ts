import { uuidV7 } from '@omnistream/kernel';
import type { BenchResult } from '../bench-report.js';
import { compareWithCeiling } from '../compare-with-ceiling.js';
import type { BenchContext } from './bench-context.js';
import { orderLineEvent } from './order-line-event.js';
import { createRawEvents } from './raw-events.js';

export const BATCH_SIZE = 100;
export const BATCH_WRITERS = 4;

const orderLines = (orderId: string) =>
  Array.from({ length: BATCH_SIZE }, (_, line) => orderLineEvent(orderId, line));

/** 100 events appended to a new stream per operation, 4 writers; ceiling: one 100-row INSERT statement. */
export const batchAppendsCase = async ({
  adapter,
  store,
  timing,
  storeSettings,
}: BenchContext): Promise<BenchResult> => {
  const ceiling = await adapter.openCeiling(BATCH_WRITERS);
  const raw = createRawEvents(ceiling.db);
  try {
    return await compareWithCeiling(
      {
        case: `append ${BATCH_SIZE} events, ${BATCH_WRITERS} writers`,
        adapter: adapter.name,
        unit: 'events/s',
        workers: BATCH_WRITERS,
        notes: `${storeSettings}; ceiling pool ${ceiling.db.maxConnections}`,
        ceiling: async () => {
          const orderId = uuidV7();
          await raw.insertMany(`order-${orderId}`, orderLines(orderId));
          return BATCH_SIZE;
        },
        subject: async () => {
          const orderId = uuidV7();
          await store.append(`order-${orderId}`, orderLines(orderId), { expectedVersion: 'no_stream' });
          return BATCH_SIZE;
        },
      },
      timing,
    );
  } finally {
    await ceiling.close();
  }
};
