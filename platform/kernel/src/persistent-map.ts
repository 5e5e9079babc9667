/**
 * An immutable map whose `set` and `delete` return a new map sharing almost everything with the old one, so an
 * aggregate's `evolve` stays pure without copying thousands of entries per event (a hot SKU holds thousands of
 * open reservations). Two levels: keys hash (FNV-1a, 32-bit) into BUCKETS buckets, and an update copies only the
 * bucket array and one bucket. Cost per update is O(BUCKETS + n / BUCKETS): flat up to about a million entries.
 * Iteration order is by bucket, then insertion; never rely on it.
 */
const BUCKETS = 64;

const bucketOf = (key: string): number => {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index += 1) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % BUCKETS;
};

export class PersistentMap<V> {
  static empty<V>(): PersistentMap<V> {
    return new PersistentMap<V>(new Array<ReadonlyMap<string, V> | undefined>(BUCKETS).fill(undefined), 0);
  }

  static of<V>(entries: Iterable<readonly [string, V]>): PersistentMap<V> {
    let map = PersistentMap.empty<V>();
    for (const [key, value] of entries) map = map.set(key, value);
    return map;
  }

  private constructor(
    private readonly buckets: readonly (ReadonlyMap<string, V> | undefined)[],
    readonly size: number,
  ) {}

  get(key: string): V | undefined {
    return this.buckets[bucketOf(key)]?.get(key);
  }

  has(key: string): boolean {
    return this.buckets[bucketOf(key)]?.has(key) ?? false;
  }

  set(key: string, value: V): PersistentMap<V> {
    const index = bucketOf(key);
    const bucket = new Map(this.buckets[index]);
    const grows = !bucket.has(key);
    bucket.set(key, value);
    const buckets = [...this.buckets];
    buckets[index] = bucket;
    return new PersistentMap(buckets, this.size + (grows ? 1 : 0));
  }

  delete(key: string): PersistentMap<V> {
    const index = bucketOf(key);
    const current = this.buckets[index];
    if (current === undefined || !current.has(key)) return this;
    const bucket = new Map(current);
    bucket.delete(key);
    const buckets = [...this.buckets];
    buckets[index] = bucket.size === 0 ? undefined : bucket;
    return new PersistentMap(buckets, this.size - 1);
  }

  *entries(): IterableIterator<[string, V]> {
    for (const bucket of this.buckets) if (bucket !== undefined) yield* bucket.entries();
  }

  *values(): IterableIterator<V> {
    for (const bucket of this.buckets) if (bucket !== undefined) yield* bucket.values();
  }

  [Symbol.iterator](): IterableIterator<[string, V]> {
    return this.entries();
  }
}
