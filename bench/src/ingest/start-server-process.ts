import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_ARGS } from '../node-args.js';

const BIN = fileURLToPath(new URL('../../../apps/server/bin/omnistream.js', import.meta.url));
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;
const KEPT_OUTPUT_CHARS = 4_000;

export interface ServerProcess {
  readonly url: string;
  /** SIGTERM, then SIGKILL if it has not exited within 15 s. */
  stop(): Promise<void>;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });

/**
 * Starts `omnistream start` as its own process, configured only through its environment (the server reads
 * process.env in main.ts alone, and the tokenization master key exists only there), and resolves once /health
 * answers 200. Logs at warn, so request logging costs nothing; the output's tail is kept for error messages.
 */
export const startServerProcess = async (env: Readonly<Record<string, string>>): Promise<ServerProcess> => {
  const port = await freePort();
  const {
    OMNISTREAM_DATA_DIR: _dir,
    OMNISTREAM_DATABASE_URL: _url,
    OMNISTREAM_KAFKA_BROKERS: _brokers,
    PORT: _port,
    ...inherited
  } = process.env;
  // e.g. OMNISTREAM_BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the server under load.
  const nodeArgs = (process.env.OMNISTREAM_BENCH_SERVER_NODE_ARGS ?? '')
    .split(' ')
    .filter((arg) => arg !== '');
  const child = spawn(process.execPath, [...SERVER_NODE_ARGS, ...nodeArgs, BIN, 'start'], {
    env: { ...inherited, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env },
    cwd: tmpdir(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-KEPT_OUTPUT_CHARS);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited: number | null | undefined;
  const exit = once(child, 'exit').then(([code]) => {
    exited = code as number | null;
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited !== undefined) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exit;
    clearTimeout(timer);
  };
  const deadline = performance.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (exited !== undefined) throw new Error(`server exited with ${exited} before it was ready:\n${output}`);
    if (performance.now() > deadline) {
      await stop();
      throw new Error(`server not ready within ${READY_TIMEOUT_MS / 1000} s:\n${output}`);
    }
    const healthy = await fetch(`${url}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return { url, stop };
    await sleep(200);
  }
};
