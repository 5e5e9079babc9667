import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadResult } from '../inventory/run-http-load.js';
import type { LoadRequest } from './load-request.js';
import { SERVER_NODE_ARGS } from '../node-args.js';

const CHILD = fileURLToPath(new URL('./ingest-load-process.ts', import.meta.url));

/** The inventory generator's result, plus how many answers passed the request's check and why the rest failed. */
export interface IngestLoadResult extends LoadResult {
  readonly ok: number;
  /** Failure reason to count. */
  readonly failures: Readonly<Record<string, number>>;
  /** The start of the first failed answer's body, to say what went wrong. */
  readonly firstFailedBody?: string;
}

/** Runs the ingest load generator in a child process: `concurrency` closed loops of `request` for `durationMs`. */
export const runIngestLoad = (
  request: LoadRequest,
  load: { readonly concurrency: number; readonly durationMs: number },
): Promise<IngestLoadResult> =>
  new Promise((resolve, reject) => {
    const child = fork(CHILD, [JSON.stringify({ ...request, ...load })], {
      execArgv: [...SERVER_NODE_ARGS, '--import', 'tsx'],
    });
    child.once('message', (message) => resolve(message as IngestLoadResult));
    child.once('error', reject);
    child.once(
      'exit',
      (code) => code !== 0 && reject(new Error(`ingest load generator exited with ${code}`)),
    );
  });

/** Records per second that passed the check. */
export const recordsPerSecond = (result: IngestLoadResult, recordsPerRequest: number): number =>
  result.seconds === 0 ? 0 : (result.ok * recordsPerRequest) / result.seconds;

/** Answers that failed their check (non-2xx included). */
export const failedCount = (result: IngestLoadResult): number => result.requests - result.ok;
