import type { PathSegment } from './json-path.js';

/**
 * A copy of `value` with the value at each path replaced; whatever is not on a path is shared, not copied, since
 * the caller never mutates either.
 */
export const replaceAt = (
  value: unknown,
  replacements: readonly { readonly path: readonly PathSegment[]; readonly with: unknown }[],
): unknown => {
  const apply = (node: unknown, path: readonly PathSegment[], replacement: unknown): unknown => {
    const [head, ...rest] = path;
    if (head === undefined) return replacement;
    if (Array.isArray(node) && typeof head === 'number') {
      const copy: unknown[] = [...(node as unknown[])];
      copy[head] = apply(copy[head], rest, replacement);
      return copy;
    }
    if (typeof node === 'object' && node !== null && typeof head === 'string') {
      const record = node as Record<string, unknown>;
      return { ...record, [head]: apply(record[head], rest, replacement) };
    }
    return node;
  };
  return replacements.reduce((current, r) => apply(current, r.path, r.with), value);
};
