import { createEventStore, type EventStoreOptions } from '@omnistream/event-store';
import type { Benchmark } from '../benchmark.js';
import type { BenchResult } from '../bench-report.js';
import { describeEnvironment, packageVersion } from '../describe-environment.js';
import { openBenchAdapter } from './bench-adapter.js';
import type { BenchContext } from './bench-context.js';
import { batchAppendsCase } from './batch-appends-case.js';
import { feedCatchUpCase } from './feed-catch-up-case.js';
import { readStreamCase } from './read-stream-case.js';
import { singleAppendsCase } from './single-appends-case.js';

const DEFAULT_POOL = 10;
const WRITERS = [1, 8, 32] as const;

/** The event store against its ceilings (DESIGN.md "Tests and benchmarks"), on each adapter in turn. */
export const eventStoreBenchmark: Benchmark = {
  description: 'appends (single, batched), stream reads and feed catch-up vs plain SQL on the same database',
  run: async (options, log) => {
    const timing = options.quick
      ? { durationMs: 3_000, warmupMs: 300, rounds: 3 }
      : { durationMs: 10_000, warmupMs: 500, rounds: 5 };
    const pool = options.pool ?? DEFAULT_POOL;
    const groupCommit: NonNullable<EventStoreOptions['groupCommit']> = {
      ...(options.maxConcurrentBatches === undefined
        ? {}
        : { maxConcurrentBatches: options.maxConcurrentBatches }),
      ...(options.maxAppendsPerBatch === undefined ? {} : { maxAppendsPerBatch: options.maxAppendsPerBatch }),
    };
    const results: BenchResult[] = [];
    const versions: Record<string, string> = {};
    for (const name of options.adapters) {
      const adapter = await openBenchAdapter(name, { postgresUrl: options.postgresUrl, pool });
      versions[name] = adapter.version;
      const store = createEventStore(adapter.db, { groupCommit });
      const gc =
        Object.entries(groupCommit)
          .map(([key, value]) => `${key} ${value}`)
          .join(', ') || 'default group commit';
      const context: BenchContext = {
        adapter,
        store,
        timing,
        storeSettings: `store pool ${adapter.poolSize}, ${gc}`,
      };
      log(`${name}: ${adapter.version}`);
      const record = (result: BenchResult) => {
        results.push(result);
        log(
          `  ${result.case}: ${Math.round(result.value)} vs ceiling ${Math.round(result.ceiling)} ${result.unit}, ratio ${result.ratio.toFixed(2)}`,
        );
      };
      try {
        for (const writers of WRITERS) record(await singleAppendsCase(context, writers));
        record(await batchAppendsCase(context));
        record(await readStreamCase(context));
        record(await feedCatchUpCase(context));
      } finally {
        await store.close();
        await adapter.close();
      }
    }
    return {
      name: 'event-store',
      environment: describeEnvironment({
        quick: options.quick,
        postgres: versions.postgres ?? null,
        pglite: `${(await packageVersion('@electric-sql/pglite')) ?? 'unknown'}${versions.pglite === undefined ? '' : ` (${versions.pglite})`}`,
      }),
      settings: { timing, storePool: pool, groupCommit, adapters: options.adapters },
      results,
    };
  },
};
