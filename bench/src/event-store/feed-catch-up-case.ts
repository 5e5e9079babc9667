import { FEED_START, type FeedPosition } from '@omnistream/event-store';
import type { BenchResult } from '../bench-report.js';
import { compareWithCeiling } from '../compare-with-ceiling.js';
import type { BenchContext } from './bench-context.js';
import { createRawEvents, RAW_FEED_START } from './raw-events.js';

export const FEED_PAGE = 1000;

/**
 * One reader catching up on everything written so far, a page at a time, starting over at the end; ceiling: a
 * keyset-paginated select of the raw table by id. Both tables hold what the earlier cases wrote.
 */
export const feedCatchUpCase = async ({
  adapter,
  store,
  timing,
  storeSettings,
}: BenchContext): Promise<BenchResult> => {
  const ceiling = await adapter.openCeiling(1);
  const raw = createRawEvents(ceiling.db);
  const counts = await adapter.db.query<{ store: string; raw: string }>(
    'select (select count(*) from omnistream.events)::text as store, (select count(*) from bench_raw_events)::text as raw',
  );
  let position: FeedPosition = FEED_START;
  let afterId = RAW_FEED_START;
  try {
    return await compareWithCeiling(
      {
        case: `feed catch-up, pages of ${FEED_PAGE}`,
        adapter: adapter.name,
        unit: 'events/s',
        workers: 1,
        notes: `${storeSettings}; ceiling pool 1; ${counts[0]?.store ?? '?'} events in the store, ${counts[0]?.raw ?? '?'} rows in the raw table`,
        ceiling: async () => {
          const rows = await raw.readPage(afterId, FEED_PAGE);
          afterId = rows.length < FEED_PAGE ? RAW_FEED_START : (rows[rows.length - 1]?.id ?? RAW_FEED_START);
          return rows.length;
        },
        subject: async () => {
          const page = await store.readFeed(position, { limit: FEED_PAGE });
          position = page.events.length < FEED_PAGE ? FEED_START : page.position;
          return page.events.length;
        },
      },
      timing,
    );
  } finally {
    await ceiling.close();
  }
};
