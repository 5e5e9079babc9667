import { spawn, execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ensureBrokerJars } from './broker-jars.js';
import { isBrokerProcess, waitForExit } from './broker-process.js';
import { brokerProperties } from './broker-properties.js';
import { brokerAnswers, waitForBroker } from './wait-for-broker.js';

const run = promisify(execFile);
const log4jConfig = join(dirname(fileURLToPath(import.meta.url)), 'log4j2.properties');

export interface BrokerOptions {
  /** State directory: data/, server.properties, broker.pid, broker.log. Keep it out of git. */
  readonly dir: string;
  readonly host?: string;
  /** Client port. Default 9092. */
  readonly port?: number;
  /** KRaft controller port. Default 9093. */
  readonly controllerPort?: number;
  /** JVM max heap, as for -Xmx. Default 512m: plenty for a test broker. */
  readonly heap?: string;
  /** How long the broker may take to answer a Metadata request. Default 90 s (the first JIT warm-up is slow). */
  readonly startTimeoutMs?: number;
  /** Jar cache (default ~/.cache/omnistream/kafka). */
  readonly cacheRoot?: string;
}

export interface StartedBroker {
  readonly pid: number;
  /** Bootstrap address for clients, `host:port`. */
  readonly bootstrap: string;
  readonly dir: string;
  readonly logFile: string;
  /** True when a broker for this directory was already running and nothing was started. */
  readonly alreadyRunning: boolean;
  /** Time spent fetching jars (0 when cached) and time until the broker answered. */
  readonly downloadMs: number;
  readonly startMs: number;
}

const files = (dir: string) => ({
  dir,
  pid: join(dir, 'broker.pid'),
  log: join(dir, 'broker.log'),
  properties: join(dir, 'server.properties'),
  data: join(dir, 'data'),
});

const readPid = async (pidFile: string): Promise<number | undefined> => {
  const text = await readFile(pidFile, 'utf8').catch(() => '');
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
};

const livePid = async (dir: string): Promise<number | undefined> => {
  const paths = files(dir);
  const pid = await readPid(paths.pid);
  return pid !== undefined && (await isBrokerProcess(pid, paths.properties)) ? pid : undefined;
};

const logTail = async (logFile: string, lines = 40): Promise<string> => {
  const text = await readFile(logFile, 'utf8').catch(() => '(no broker log)');
  return text.split('\n').slice(-lines).join('\n');
};

/**
 * Starts a single-node KRaft broker for `dir` detached from this process, and resolves once it answers a Metadata
 * request. Idempotent: a broker already running for the same directory is waited for and reused.
 */
export const startBroker = async (options: BrokerOptions): Promise<StartedBroker> => {
  const dir = resolve(options.dir);
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 9092;
  const controllerPort = options.controllerPort ?? 9093;
  const timeoutMs = options.startTimeoutMs ?? 90_000;
  const paths = files(dir);
  const started = performance.now();
  const finish = async (pid: number, alreadyRunning: boolean, downloadMs: number): Promise<StartedBroker> => {
    const outcome = await waitForBroker(host, port, timeoutMs, () => isBrokerProcess(pid, paths.properties));
    if (outcome !== 'ready') {
      if (outcome === 'timeout') process.kill(pid, 'SIGKILL');
      await rm(paths.pid, { force: true });
      const why = outcome === 'died' ? 'exited during startup' : `did not answer within ${timeoutMs} ms`;
      throw new Error(
        `Kafka broker on ${host}:${port} ${why} (log: ${paths.log}). Last lines:\n${await logTail(paths.log)}`,
      );
    }
    const startMs = Math.round(performance.now() - started - downloadMs);
    return {
      pid,
      bootstrap: `${host}:${port}`,
      dir,
      logFile: paths.log,
      alreadyRunning,
      downloadMs,
      startMs,
    };
  };

  const running = await livePid(dir);
  if (running !== undefined) return finish(running, true, 0);

  if (await brokerAnswers(host, port)) {
    throw new Error(
      `something already answers Kafka requests on ${host}:${port}, but not a broker started for ${dir}`,
    );
  }
  const jars = await ensureBrokerJars(
    options.cacheRoot === undefined ? {} : { cacheRoot: options.cacheRoot },
  );
  await mkdir(paths.data, { recursive: true });
  await writeFile(paths.properties, brokerProperties({ host, port, controllerPort, dataDir: paths.data }));
  const classPath = `${jars.libs}/*`;
  if (!existsSync(join(paths.data, 'meta.properties'))) {
    // A KRaft cluster id is a base64url UUID without padding (what `kafka-storage.sh random-uuid` prints).
    const clusterId = randomBytes(16).toString('base64url');
    await run('java', [
      '-cp',
      classPath,
      'kafka.tools.StorageTool',
      'format',
      // One argument, `--cluster-id=<id>`: an id may start with '-' (a base64url digit), which the tool's argument
      // parser would take for an option if it came apart from its flag (one run in 64 failed to format).
      `--cluster-id=${clusterId}`,
      '-c',
      paths.properties,
    ]);
  }

  const log = await open(paths.log, 'w');
  const child = spawn(
    'java',
    [
      `-Xmx${options.heap ?? '512m'}`,
      '-Xms128m',
      '-XX:+UseG1GC',
      '-XX:MaxGCPauseMillis=20',
      '-XX:+ExitOnOutOfMemoryError',
      '-Djava.awt.headless=true',
      `-Dlog4j2.configurationFile=${log4jConfig}`,
      `-Dkafka.logs.dir=${dir}`,
      '-cp',
      classPath,
      'kafka.Kafka',
      paths.properties,
    ],
    { detached: true, stdio: ['ignore', log.fd, log.fd] },
  );
  await log.close();
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start java: is Java 17 on the PATH?');
  child.unref();
  await writeFile(paths.pid, `${pid}\n`);
  return finish(pid, false, jars.downloadMs);
};

/** Stops the broker of `dir` with SIGTERM (a clean, controlled shutdown). Resolves false if none was running. */
export const stopBroker = async (options: {
  readonly dir: string;
  readonly timeoutMs?: number;
}): Promise<boolean> => {
  const dir = resolve(options.dir);
  const paths = files(dir);
  const pid = await livePid(dir);
  if (pid === undefined) {
    await rm(paths.pid, { force: true });
    return false;
  }
  process.kill(pid, 'SIGTERM');
  if (!(await waitForExit(pid, paths.properties, options.timeoutMs ?? 30_000))) {
    process.kill(pid, 'SIGKILL');
    await waitForExit(pid, paths.properties, 10_000);
  }
  await rm(paths.pid, { force: true });
  return true;
};

/** Kills the broker of `dir` with SIGKILL, as a crash would: no flush, no controlled shutdown. */
export const killBroker = async (options: { readonly dir: string }): Promise<boolean> => {
  const dir = resolve(options.dir);
  const paths = files(dir);
  const pid = await livePid(dir);
  if (pid === undefined) return false;
  process.kill(pid, 'SIGKILL');
  await waitForExit(pid, paths.properties, 10_000);
  await rm(paths.pid, { force: true });
  return true;
};
