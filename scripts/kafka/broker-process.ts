import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Whether `pid` is a live broker whose command line names `commandLineArg` (its server.properties file). The
 * command line is checked, not only the pid, so that a stale pid file whose number the system gave to another
 * process is never mistaken for a running broker.
 */
export const isBrokerProcess = async (pid: number, commandLineArg: string): Promise<boolean> => {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // A killed child that its parent has not reaped yet is a zombie: dead for our purposes.
    if (/^\d+ \(.*\) Z/.test(stat)) return false;
    const commandLine = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
    return commandLine.includes('kafka.Kafka') && commandLine.includes(commandLineArg);
  } catch {
    return false;
  }
};

/** Resolves true once the process is gone, false if it is still there after `timeoutMs`. */
export const waitForExit = async (
  pid: number,
  commandLineArg: string,
  timeoutMs: number,
): Promise<boolean> => {
  const deadline = performance.now() + timeoutMs;
  while (await isBrokerProcess(pid, commandLineArg)) {
    if (performance.now() > deadline) return false;
    await sleep(100);
  }
  return true;
};
