/**
 * At most `limit` calls of the returned function run at once; the rest wait in arrival order. The consumer runs
 * every partition's batch at once, so its database connections are bounded here, not per batch.
 */
export const limitConcurrency = <A extends unknown[], R>(
  limit: number,
  work: (...args: A) => Promise<R>,
): ((...args: A) => Promise<R>) => {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (...args: A): Promise<R> => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try {
      return await work(...args);
    } finally {
      const next = waiting.shift();
      if (next === undefined) running -= 1;
      else next(); // the slot passes straight to the next caller
    }
  };
};
