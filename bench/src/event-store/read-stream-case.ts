import { uuidV7 } from '@omnistream/kernel';
import type { BenchResult } from '../bench-report.js';
import { compareWithCeiling } from '../compare-with-ceiling.js';
import type { BenchContext } from './bench-context.js';
import { orderLineEvent } from './order-line-event.js';
import { createRawEvents } from './raw-events.js';

const STREAMS = 50;
const EVENTS = 100;
const READERS = 4;

const pick = (streams: readonly string[]): string =>
  streams[Math.floor(Math.random() * streams.length)] ?? '';

/** Reads a whole 100-event stream per operation, 4 readers; ceiling: `select * ... where stream = $1 order by version`. */
export const readStreamCase = async ({
  adapter,
  store,
  timing,
  storeSettings,
}: BenchContext): Promise<BenchResult> => {
  const ceiling = await adapter.openCeiling(READERS);
  const raw = createRawEvents(ceiling.db);
  const stored: string[] = [];
  const plain: string[] = [];
  for (let index = 0; index < STREAMS; index += 1) {
    const orderId = uuidV7();
    const events = Array.from({ length: EVENTS }, (_, line) => orderLineEvent(orderId, line));
    stored.push(`order-${orderId}`);
    plain.push(`order-${orderId}`);
    await store.append(`order-${orderId}`, events, { expectedVersion: 'no_stream' });
    await raw.insertMany(`order-${orderId}`, events);
  }
  // Fresh statistics on both tables, so that neither side reads through a plan made for a smaller table (the raw
  // table's prepared statement once fell back to a sequential scan on PostgreSQL: a tenth of the reads).
  await adapter.db.query('analyze omnistream.events');
  await adapter.db.query('analyze bench_raw_events');
  const expect = (count: number, what: string) => {
    if (count !== EVENTS) throw new Error(`${what} returned ${count} events, expected ${EVENTS}`);
    return 1;
  };
  try {
    return await compareWithCeiling(
      {
        case: `read a ${EVENTS}-event stream, ${READERS} readers`,
        adapter: adapter.name,
        unit: 'reads/s',
        workers: READERS,
        notes: `${storeSettings}; ceiling pool ${ceiling.db.maxConnections}; ${STREAMS} streams read at random`,
        ceiling: async () => expect((await raw.readStream(pick(plain))).length, 'plain select'),
        subject: async () => expect((await store.readStream(pick(stored))).length, 'store.readStream'),
      },
      timing,
    );
  } finally {
    await ceiling.close();
  }
};
