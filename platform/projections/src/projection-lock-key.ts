/**
 * A stable 32-bit key for a projection's advisory locks (FNV-1a, 32-bit: http://www.isthe.com/chongo/tech/comp/fnv/),
 * as the signed int4 PostgreSQL's two-key advisory lock functions take. It must never change: every process that
 * appends with an inline projection and every process rebuilding it must agree on it.
 */
export const projectionLockKey = (name: string): number => {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(name, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
};
