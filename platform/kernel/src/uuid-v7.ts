import { randomFillSync } from 'node:crypto';

/**
 * UUID version 7 (RFC 9562, section 5.7): 48-bit Unix milliseconds, then random bits, so ids sort by creation
 * time. Within one millisecond a 12-bit counter in rand_a keeps ids from this process monotonic (section 6.2,
 * method 1); the counter is seeded randomly each millisecond.
 */
let lastMs = -1;
let counter = 0;
const random = new Uint8Array(16);
// One getrandom call per 256 ids instead of one per id: the system call, not the arithmetic, is the cost.
const pool = new Uint8Array(4096);
let pooled = pool.length;

const nextRandom = (): void => {
  if (pooled === pool.length) {
    randomFillSync(pool);
    pooled = 0;
  }
  random.set(pool.subarray(pooled, pooled + 16));
  pooled += 16;
};

export const uuidV7 = (nowMs: number = Date.now()): string => {
  nextRandom();
  if (nowMs > lastMs) {
    lastMs = nowMs;
    counter = (((random[6] ?? 0) & 0x07) << 8) | (random[7] ?? 0); // leave headroom before overflow
  } else {
    counter += 1;
    if (counter > 0xfff) {
      lastMs += 1; // counter exhausted: borrow the next millisecond rather than go backwards
      counter = 0;
    }
  }
  const ms = lastMs;
  const bytes = random;
  bytes[0] = Math.floor(ms / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(ms / 2 ** 32) & 0xff;
  bytes[2] = (ms >>> 24) & 0xff;
  bytes[3] = (ms >>> 16) & 0xff;
  bytes[4] = (ms >>> 8) & 0xff;
  bytes[5] = ms & 0xff;
  bytes[6] = 0x70 | ((counter >>> 8) & 0x0f);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
