export { createServer, type Server, type ServerDependencies } from './create-server.js';
export { ServerConfig, type LogLevel } from './config/server-config.js';
export { parseConfig, ConfigError, DEFAULT_DATABASE } from './config/parse-config.js';
export {
  configFromEnvironment,
  ENVIRONMENT_VARIABLES,
  type Environment,
} from './config/config-from-environment.js';
export { serverMigrations } from './server-migrations.js';
export { migrateDatabase } from './migrate-database.js';
