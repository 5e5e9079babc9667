import { DomainError } from '@omnistream/kernel';

const MAX_DEPTH = 64;

const pathOf = (stack: readonly (string | number)[]): string =>
  stack.reduce<string>((path, key) => (typeof key === 'number' ? `${path}[${key}]` : `${path}.${key}`), '$');

const walk = (value: unknown, stack: (string | number)[], what: () => string): void => {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return;
    case 'number':
      if (!Number.isFinite(value))
        throw new DomainError(
          'EVENT_NOT_SERIALIZABLE',
          `${what()} holds ${String(value)} at ${pathOf(stack)}, which JSON cannot carry`,
        );
      return;
    case 'bigint':
    case 'function':
    case 'symbol':
      throw new DomainError(
        'EVENT_NOT_SERIALIZABLE',
        `${what()} holds a ${typeof value} at ${pathOf(stack)}, which JSON cannot carry`,
      );
    case 'object': {
      if (value === null) return;
      if (stack.length >= MAX_DEPTH)
        throw new DomainError(
          'EVENT_NOT_SERIALIZABLE',
          `${what()} nests deeper than ${MAX_DEPTH} levels at ${pathOf(stack)} (or refers to itself)`,
        );
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i += 1) {
          stack.push(i);
          walk(value[i], stack, what);
          stack.pop();
        }
        return;
      }
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return; // Date and friends say how they serialise
      for (const key in value)
        if (Object.prototype.hasOwnProperty.call(value, key)) {
          stack.push(key);
          walk((value as Record<string, unknown>)[key], stack, what);
          stack.pop();
        }
    }
  }
};

/**
 * Refuses what JSON would silently lose (functions, symbols, NaN and Infinity become null or vanish) or cannot
 * carry (BigInt, cycles, absurd nesting), naming the path of the first offender. A plain walk that builds no
 * strings unless it fails: a JSON.stringify replacer would do the same checks through a callback per value,
 * several times slower on the append path.
 */
export const assertJsonSafe = (value: unknown, what: () => string): void => walk(value, [], what);
