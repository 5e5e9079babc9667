/**
 * A sleep that a wake-up cuts short: loops wait on it between polls and retries, and a notification or `stop()`
 * ends the wait at once. A wake-up that arrives while nobody sleeps is remembered for the next sleep, so it is not
 * lost between a read that found nothing and the sleep that follows.
 */
export interface WakeSignal {
  sleep(ms: number): Promise<void>;
  wake(): void;
}

export const createWakeSignal = (): WakeSignal => {
  let pending = false;
  let wakeSleeper: (() => void) | undefined;
  return {
    sleep: (ms) => {
      if (pending) {
        pending = false;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        timer.unref();
        function done() {
          clearTimeout(timer);
          wakeSleeper = undefined;
          resolve();
        }
        wakeSleeper = done;
      });
    },
    wake: () => {
      if (wakeSleeper === undefined) pending = true;
      else wakeSleeper();
    },
  };
};
