export {
  testDatabases,
  testDatabaseConfigs,
  type TestDatabaseConfig,
  createScratchDatabase,
  postgresTestUrl,
  type TestDatabase,
  type OpenedTestDatabase,
} from './test-databases.js';
export { contextContractsFolder, loadContextContracts, contractValidator } from './context-contracts.js';
export { openModuleBed, type ModuleBed, type RefusedProblem } from './open-module-bed.js';
