import { defineConfig } from 'vitest/config';

// Tiers by file suffix (STYLE.md 14): unit tests are pure; int tests use real PGlite, PostgreSQL and Kafka;
// e2e tests start a real server. Integration suites share databases, so they run one file at a time.
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
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
