/** The only source of time outside tests. Domain code never calls it: time arrives in command metadata. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved; for tests and replays. */
export const fixedClock = (
  start: Date | string,
): Clock & { advance(ms: number): void; set(at: Date | string): void } => {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
    set: (at) => {
      current = new Date(at);
    },
  };
};
