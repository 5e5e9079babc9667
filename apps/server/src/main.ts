/**
 * The `omnistream` process: the only code that reads process.env, listens, handles signals or exits (STYLE.md 9).
 */
import type { AddressInfo } from 'node:net';
import { createLogger, type Logger } from '@omnistream/observability';
import { parseCommandLine } from './cli/parse-command-line.js';
import { usage } from './cli/usage.js';
import { configFromEnvironment, moduleList } from './config/config-from-environment.js';
import { ConfigError, parseConfig } from './config/parse-config.js';
import type { ServerConfig } from './config/server-config.js';
import { createServer } from './create-server.js';
import { migrateDatabase } from './migrate-database.js';
import { runApiKeys, runDeadLetters } from './run-dead-letters.js';
import { runTopics } from './run-topics.js';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { runSourcingCommand } from '@omnistream/inventory/sourcing';

const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

const start = async (config: ServerConfig, logger: Logger): Promise<void> => {
  const server = await createServer(config, { logger });
  await server.app.listen({ host: config.http.host, port: config.http.port });
  const { port } = server.app.server.address() as AddressInfo;
  logger.info({ host: config.http.host, port, database: server.database.kind }, 'omnistream started');

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info(
      { signal, timeoutMs: config.shutdownTimeoutMs },
      'shutting down: draining in-flight requests',
    );
    const deadline = setTimeout(() => {
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown timed out; stopping anyway');
      logger.flush(() => process.exit(EXIT_FAILURE));
    }, config.shutdownTimeoutMs);
    deadline.unref();
    server.close().then(
      () => {
        logger.info('omnistream stopped');
        logger.flush(() => process.exit(0));
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        logger.flush(() => process.exit(EXIT_FAILURE));
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
};

const migrate = async (config: ServerConfig): Promise<void> => {
  const { applied, known } = await migrateDatabase(config);
  const where = config.database.kind === 'pglite' ? `PGlite at ${config.database.dataDir}` : 'PostgreSQL';
  process.stdout.write(
    applied.length === 0
      ? `${where}: up to date (${known} migrations)\n`
      : `${where}: applied ${applied.length} of ${known} migrations\n${applied.map((id) => `  ${id}\n`).join('')}`,
  );
};

const commandLine = parseCommandLine(process.argv.slice(2));
switch (commandLine.kind) {
  case 'help':
    process.stdout.write(usage(commandLine.command));
    break;
  case 'usage_error':
    process.stderr.write(`omnistream: ${commandLine.message}\n\n${usage(commandLine.command)}`);
    process.exitCode = EXIT_USAGE;
    break;
  case 'run': {
    if (commandLine.command === 'sourcing') {
      // A what-if tool over files: it needs neither configuration nor a database.
      process.exitCode = await runSourcingCommand(commandLine.args, {
        readFile: (path) => readFile(path, 'utf8'),
        // `sourcing generate --out dir` creates the folder when it is not there yet.
        writeFile: async (path, text) => {
          await mkdir(dirname(path), { recursive: true });
          await writeFile(path, text);
        },
        out: (line) => process.stdout.write(`${line}\n`),
      });
      break;
    }
    let config: ServerConfig;
    try {
      const fromEnvironment = configFromEnvironment(process.env, process.cwd());
      const modules = commandLine.command === 'start' ? moduleList(commandLine.modules) : undefined;
      config = parseConfig(modules === undefined ? fromEnvironment : { ...fromEnvironment, modules });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      process.stderr.write(`omnistream: ${error.message}\n`);
      process.exit(EXIT_FAILURE);
    }
    if (commandLine.command === 'api-keys') {
      process.exitCode = await runApiKeys(config, commandLine.args, {
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
      });
      break;
    }
    if (commandLine.command === 'topics') {
      process.exitCode = await runTopics(config, commandLine.args, {
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
      });
      break;
    }
    if (commandLine.command === 'dead-letters') {
      process.exitCode = await runDeadLetters(config, commandLine.args, {
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
      });
      break;
    }
    const logger = createLogger({ level: config.log.level, name: 'omnistream' });
    try {
      await (commandLine.command === 'start' ? start(config, logger) : migrate(config));
    } catch (error) {
      logger.fatal({ err: error }, `${commandLine.command} failed`);
      logger.flush(() => process.exit(EXIT_FAILURE));
    }
    break;
  }
}
