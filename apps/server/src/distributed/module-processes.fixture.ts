import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '../../bin/omnistream.js');

/** A port free now, so that a process restarted later can take the same one (webhooks are sent to it). */
export const freePort = async (): Promise<number> => {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
};

export interface ModuleProcess {
  readonly name: string;
  readonly url: string;
  /** Starts the process (again) and resolves once it listens. */
  start(): Promise<void>;
  /** SIGKILL: no shutdown hook runs, in-flight transactions are cut, nothing is flushed. */
  kill(): Promise<void>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** Log lines at warn level and above, for a failure message. */
  readonly problems: readonly string[];
}

/**
 * One `omnistream start --modules <modules>` process of the distributed shape, on a fixed port, with the
 * environment given (database URL, Kafka brokers, config files).
 */
export const moduleProcess = (
  name: string,
  modules: readonly string[],
  port: number,
  env: Readonly<Record<string, string>>,
  /** The test's own environment, less what would pick the child's database, bus or port for it. */
  inherited: NodeJS.ProcessEnv,
): ModuleProcess => {
  let child: ChildProcessWithoutNullStreams | undefined;
  const problems: string[] = [];
  const environment = (): NodeJS.ProcessEnv => {
    const {
      OMNISTREAM_DATA_DIR: _dir,
      OMNISTREAM_DATABASE_URL: _url,
      OMNISTREAM_KAFKA_BROKERS: _brokers,
      PORT: _port,
      ...rest
    } = inherited;
    return { ...rest, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env };
  };
  const exited = async (process: ChildProcessWithoutNullStreams) => {
    if (process.exitCode !== null || process.signalCode !== null) return;
    await once(process, 'exit');
  };
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    problems,
    start: async () => {
      const started = spawn(process.execPath, [BIN, 'start', '--modules', modules.join(',')], {
        env: environment(),
        cwd: tmpdir(),
      });
      child = started;
      let stderr = '';
      started.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      createInterface({ input: started.stdout }).on('line', (line) => {
        if (problems.length < 200) problems.push(`${name}: ${line}`);
      });
      const deadline = Date.now() + 60_000;
      for (;;) {
        if (started.exitCode !== null)
          throw new Error(`${name} exited with ${started.exitCode}: ${stderr}\n${problems.join('\n')}`);
        const healthy = await fetch(`http://127.0.0.1:${port}/health`).then(
          (response) => response.ok,
          () => false,
        );
        if (healthy) return;
        if (Date.now() > deadline) throw new Error(`${name} did not answer /health within 60 s: ${stderr}`);
        await new Promise((done) => setTimeout(done, 100));
      }
    },
    kill: async () => {
      if (child === undefined) return;
      child.kill('SIGKILL');
      await exited(child);
    },
    stop: async () => {
      if (child === undefined) return;
      child.kill('SIGTERM');
      await exited(child);
    },
  };
};
