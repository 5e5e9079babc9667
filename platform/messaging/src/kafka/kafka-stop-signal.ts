/** What a raced call answers when the consumer stopped before the call settled. */
export const STOPPED: unique symbol = Symbol('stopped');

export interface StopSignal {
  readonly stopping: boolean;
  stop(): void;
  /**
   * Settles with `work`, or with STOPPED `graceMs` after stop() (at once by default). The client retries a call to
   * a broker that is gone for many seconds; stop() must not wait for that. Work left behind may still reject later:
   * that rejection is swallowed here, because nobody waits for it any more.
   */
  race<T>(work: Promise<T>, graceMs?: number): Promise<T | typeof STOPPED>;
  /**
   * A pause that ends early when stop() is called or `wake()` is; a wake with nobody asleep ends the next pause at
   * once, so that a wake between looking for work and falling asleep is not lost.
   */
  sleep(ms: number): Promise<void>;
  wake(): void;
}

export const createStopSignal = (): StopSignal => {
  let stopping = false;
  let onStop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (onStop = resolve));
  const sleepers = new Set<() => void>();
  let pendingWake = false;
  const wake = (): void => {
    if (sleepers.size === 0) pendingWake = true;
    for (const resume of [...sleepers]) resume();
  };
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (pendingWake) {
        pendingWake = false;
        resolve();
        return;
      }
      const resume = (): void => {
        clearTimeout(timer);
        sleepers.delete(resume);
        resolve();
      };
      const timer = setTimeout(resume, ms);
      sleepers.add(resume);
    });
  return {
    get stopping() {
      return stopping;
    },
    stop: () => {
      stopping = true;
      onStop();
      wake();
    },
    race: <T>(work: Promise<T>, graceMs = 0) => {
      work.catch(() => undefined);
      const deadline = stopped.then(
        () => new Promise<typeof STOPPED>((resolve) => setTimeout(() => resolve(STOPPED), graceMs)),
      );
      return Promise.race([work, deadline]);
    },
    sleep: (ms) => (stopping ? Promise.resolve() : sleep(ms)),
    wake,
  };
};
