/**
 * What a writer believes about a stream before appending (DESIGN.md): anything, that it does not exist yet, that
 * it exists, or that it has exactly n events. Enforced in SQL by `omnistream.append_batch`.
 */
export type ExpectedVersion = 'any' | 'no_stream' | 'stream_exists' | number;

export const isExpectedVersion = (value: unknown): value is ExpectedVersion =>
  value === 'any' ||
  value === 'no_stream' ||
  value === 'stream_exists' ||
  (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0);
