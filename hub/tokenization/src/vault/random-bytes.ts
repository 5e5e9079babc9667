import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 64 * 1024;
let pool = Buffer.alloc(0);
let at = 0;

/**
 * Cryptographically random bytes, drawn from a pool filled 64 KiB at a time: the vault needs several small draws
 * per token (IV, data key, token digits), and one system call per draw was the largest CPU cost of a batch. Each
 * call gets a copy, so no two callers ever share bytes.
 */
export const randomBytes = (size: number): Buffer => {
  if (size > POOL_BYTES / 4) return randomFillSync(Buffer.alloc(size));
  if (at + size > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
    at = 0;
  }
  const out = Buffer.from(pool.subarray(at, at + size));
  pool.fill(0, at, at + size);
  at += size;
  return out;
};
