import { setTimeout as sleep } from 'node:timers/promises';
import { isDomainError } from '@omnistream/kernel';

/**
 * Runs a whole transaction again when its append met a version conflict: only a new transaction can retry, as
 * the append must be the first write. Saga runners lock their streams, so this is for writers that do not.
 */
export const retryOnConflict = async <T>(work: () => Promise<T>, maxAttempts = 8): Promise<T> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= maxAttempts || !isDomainError(error, 'STREAM_VERSION_CONFLICT')) throw error;
      // Full jitter (Brooker, "Exponential Backoff And Jitter", 2015): colliding writers do not collide in step.
      await sleep(Math.floor(Math.random() * Math.min(100, 2 ** attempt)));
    }
  }
};
