import { defineConfig } from 'vitest/config';

// Tiers by file suffix (STYLE.md 14): unit tests are pure; int tests use real PGlite, PostgreSQL and Kafka;
// e2e tests start a real server. Integration suites share databases, so they run one file at a time.
// Suites that need a Kafka broker are named *.kafka.int.test.ts and collected only when OMNISTREAM_TEST_KAFKA_BROKERS
// names one (CI always does, and fails on any skipped test); without it they are not collected at all.
const kafkaSuites = process.env.OMNISTREAM_TEST_KAFKA_BROKERS ? [] : ['**/*.kafka.int.test.ts'];

export default defineConfig({
  test: {
    // Integration suites start servers and child processes; on a 2-core machine one file at a time is fastest.
    fileParallelism: false,
    projects: [
      {
        test: { name: 'unit', include: ['{platform,contracts,modules,hub,apps,bench}/**/*.unit.test.ts'] },
      },
      {
        test: {
          name: 'int',
          include: ['{platform,contracts,modules,hub,apps,bench}/**/*.{int,e2e}.test.ts'],
          exclude: ['**/node_modules/**', ...kafkaSuites],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
