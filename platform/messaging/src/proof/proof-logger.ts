import { createLogger } from '@omnistream/observability';
import pino, { type Logger } from 'pino';

/**
 * Warnings and errors of a proof process as JSON lines on stderr, written synchronously: the process may be killed
 * with SIGKILL at any moment, and the test reads these lines as evidence (retries, outages, parked messages).
 * Stdout is kept for the progress lines the test waits on.
 */
export const proofLogger = (name: string): Logger =>
  createLogger({ name, level: 'warn', destination: pino.destination({ dest: 2, sync: true }) });
