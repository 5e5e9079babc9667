import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_ARGS } from '../node-args.js';

const CHILD = fileURLToPath(new URL('./http-load-process.ts', import.meta.url));

export interface LoadResult {
  readonly requests: number;
  readonly seconds: number;
  readonly statuses: Readonly<Record<string, number>>;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** Runs the load generator against `url` in a child process and returns what it measured. */
export const runHttpLoad = (config: {
  url: string;
  method: 'GET' | 'POST';
  body?: string;
  concurrency: number;
  durationMs: number;
  ratePerSecond?: number;
}): Promise<LoadResult> =>
  new Promise((resolve, reject) => {
    const child = fork(CHILD, [JSON.stringify(config)], {
      execArgv: [...SERVER_NODE_ARGS, '--import', 'tsx'],
    });
    child.once('message', (message) => resolve(message as LoadResult));
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`load generator exited with ${code}`)));
  });

export const requestsPerSecond = (result: LoadResult): number => result.requests / result.seconds;
