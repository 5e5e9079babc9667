import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ProofConfig } from './proof-config.js';

export type ProofRole = 'producer' | 'consumer';

export interface ProofProcess {
  readonly role: ProofRole;
  readonly pid: number;
  /** Resolves with the first stdout line matching `pattern` (earlier lines count); rejects on exit or timeout. */
  line(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Exit code, or the signal's name when it was killed. */
  readonly exited: Promise<number | string>;
  readonly stderrLines: readonly string[];
  kill(signal: 'SIGKILL' | 'SIGTERM'): Promise<number | string>;
}

export interface ProofProcesses {
  start(role: ProofRole, config: ProofConfig): ProofProcess;
  /** SIGKILLs every process still running; for afterAll, so a failed test leaves nothing behind. */
  killAll(): Promise<void>;
}

const files: Record<ProofRole, string> = {
  producer: fileURLToPath(new URL('./producer-process.ts', import.meta.url)),
  consumer: fileURLToPath(new URL('./consumer-process.ts', import.meta.url)),
};

const linesOf = (stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void => {
  let rest = '';
  stream?.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString()).split('\n');
    rest = parts.pop() ?? '';
    for (const part of parts) onLine(part);
  });
};

const watch = (role: ProofRole, child: ChildProcess): ProofProcess => {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const listeners = new Set<(line: string) => void>();
  linesOf(child.stdout, (line) => {
    stdout.push(line);
    for (const listener of listeners) listener(line);
  });
  linesOf(child.stderr, (line) => stderr.push(line));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const tail = () => stderr.slice(-15).join('\n');

  const line = (pattern: RegExp, timeoutMs = 30_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const found = stdout.map((text) => text.match(pattern)).find((match) => match !== null);
      if (found) return resolve(found);
      const done = (outcome: () => void) => {
        listeners.delete(listener);
        clearTimeout(timer);
        outcome();
      };
      const listener = (text: string) => {
        const match = text.match(pattern);
        if (match !== null) done(() => resolve(match));
      };
      const timer = setTimeout(
        () =>
          done(() => reject(new Error(`${role} printed no ${pattern} within ${timeoutMs} ms\n${tail()}`))),
        timeoutMs,
      );
      listeners.add(listener);
      void exited.then((how) =>
        done(() => reject(new Error(`${role} exited (${how}) before printing ${pattern}\n${tail()}`))),
      );
    });

  return {
    role,
    pid: child.pid ?? -1,
    line,
    exited,
    stderrLines: stderr,
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
};

/** Proof children are real processes: tsx in a fresh Node, connected to the test only through their config. */
export const createProofProcesses = (): ProofProcesses => {
  const running = new Set<ProofProcess>();
  return {
    start: (role, config) => {
      const child = spawn(process.execPath, ['--import', 'tsx', files[role], JSON.stringify(config)], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const started = watch(role, child);
      running.add(started);
      void started.exited.then(() => running.delete(started));
      return started;
    },
    killAll: async () => {
      await Promise.all([...running].map((started) => started.kill('SIGKILL')));
    },
  };
};
