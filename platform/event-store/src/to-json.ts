const MAX_DEPTH = 64;

const pathOf = (stack: readonly (string | number)[]): string =>
  stack.reduce<string>((path, key) => (typeof key === 'number' ? `${path}[${key}]` : `${path}.${key}`), '$');

/** The first problem found, worded to follow "the data of event 0 of order-1 ...", or undefined. */
const walk = (value: unknown, stack: (string | number)[]): string | undefined => {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return undefined;
    case 'number':
      return Number.isFinite(value)
        ? undefined
        : `holds ${String(value)} at ${pathOf(stack)}, which JSON cannot carry`;
    case 'bigint':
    case 'function':
    case 'symbol':
      return `holds a ${typeof value} at ${pathOf(stack)}, which JSON cannot carry`;
    case 'object': {
      if (value === null) return undefined;
      if (stack.length >= MAX_DEPTH)
        return `nests deeper than ${MAX_DEPTH} levels at ${pathOf(stack)} (or refers to itself)`;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i += 1) {
          stack.push(i);
          const problem = walk(value[i], stack);
          if (problem !== undefined) return problem;
          stack.pop();
        }
        return undefined;
      }
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return undefined; // Date and friends say how they serialise
      for (const key in value)
        if (Object.prototype.hasOwnProperty.call(value, key)) {
          stack.push(key);
          const problem = walk((value as Record<string, unknown>)[key], stack);
          if (problem !== undefined) return problem;
          stack.pop();
        }
      return undefined;
    }
  }
};

/**
 * What JSON would silently lose (functions, symbols, NaN and Infinity become null or vanish) or cannot carry
 * (BigInt, cycles, absurd nesting) in a value, with the path of the first offender: "holds NaN at $.price, which
 * JSON cannot carry". Undefined when the value is safe. A plain walk that builds no strings unless it finds a
 * problem: a JSON.stringify replacer would do the same checks through a callback per value, several times slower
 * on the append path.
 */
export const jsonSafetyProblem = (value: unknown): string | undefined => walk(value, []);
