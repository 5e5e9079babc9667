export {
  testDatabases,
  createScratchDatabase,
  postgresTestUrl,
  type TestDatabase,
  type OpenedTestDatabase,
} from './test-databases.js';
