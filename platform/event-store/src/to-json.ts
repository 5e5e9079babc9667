import { DomainError } from '@omnistream/kernel';

const MAX_DEPTH = 64;

/**
 * Refuses what JSON would silently lose (functions, symbols, NaN and Infinity become null or vanish) or cannot
 * carry (BigInt, cycles, absurd nesting). A plain walk: a JSON.stringify replacer would do the same checks through
 * a callback per value, several times slower on the append path.
 */
const assertJsonSafe = (value: unknown, path: string, depth: number, what: string): void => {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return;
    case 'number':
      if (!Number.isFinite(value))
        throw new DomainError(
          'EVENT_NOT_SERIALIZABLE',
          `${what} holds ${String(value)} at ${path}, which JSON cannot carry`,
        );
      return;
    case 'bigint':
    case 'function':
    case 'symbol':
      throw new DomainError(
        'EVENT_NOT_SERIALIZABLE',
        `${what} holds a ${typeof value} at ${path}, which JSON cannot carry`,
      );
    case 'object': {
      if (value === null) return;
      if (depth >= MAX_DEPTH)
        throw new DomainError(
          'EVENT_NOT_SERIALIZABLE',
          `${what} nests deeper than ${MAX_DEPTH} levels at ${path} (or refers to itself)`,
        );
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i += 1) assertJsonSafe(value[i], `${path}[${i}]`, depth + 1, what);
        return;
      }
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return; // Date and friends say how they serialise
      for (const key in value)
        if (Object.prototype.hasOwnProperty.call(value, key))
          assertJsonSafe((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1, what);
    }
  }
};

/** JSON text for jsonb: checked first, so a bad value is a clear DomainError and never half-written. */
export const toJson = (value: unknown, what: string): string => {
  assertJsonSafe(value, '$', 0, what);
  const json = JSON.stringify(value);
  if (json === undefined) throw new DomainError('EVENT_NOT_SERIALIZABLE', `${what} is not a JSON value`);
  // PostgreSQL's jsonb cannot store U+0000, in a key or a value; JSON.stringify writes it as this escape.
  if (json.includes('\\u0000'))
    throw new DomainError(
      'EVENT_NOT_SERIALIZABLE',
      `${what} holds a NUL character, which PostgreSQL cannot store`,
    );
  return json;
};
