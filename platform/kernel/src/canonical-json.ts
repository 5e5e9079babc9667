/**
 * JSON text with object keys sorted and no insignificant whitespace: two values with the same canonical text are
 * the same value, whatever order their keys were written or stored in (jsonb reorders them). The schema registry
 * deduplicates schemas on it; aggregates compare stored values with it.
 */
export const canonicalJson = (value: unknown): string => JSON.stringify(sortKeys(value));

const sortKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort())
    sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
};

export const sameJson = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);
