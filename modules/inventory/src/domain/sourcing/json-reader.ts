type Json = Readonly<Record<string, unknown>>;

export interface NumberRule {
  readonly min?: number;
  /** Exclusive lower bound. */
  readonly above?: number;
  readonly integer?: boolean;
}

/**
 * Reads untrusted JSON field by field and collects every problem with its JSON path (`$.weights.distance`), so a
 * person fixing a file sees all of them at once. Each read returns a fallback value after recording a problem;
 * callers throw when `problems` is not empty, so fallbacks never escape.
 */
export class JsonReader {
  readonly problems: string[] = [];

  problem(path: string, message: string): void {
    this.problems.push(`${path}: ${message}`);
  }

  /** An object with exactly the allowed keys (a misspelt key is a mistake, never silently ignored). */
  object(value: unknown, path: string, allowed: readonly string[]): Json {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.problem(path, `must be an object, got ${describe(value)}`);
      return {};
    }
    for (const key of Object.keys(value))
      if (!allowed.includes(key))
        this.problem(`${path}.${key}`, `unknown field; expected one of ${allowed.join(', ')}`);
    return value as Json;
  }

  string(parent: Json, key: string, path: string, optional?: { readonly fallback: string }): string {
    const value = parent[key];
    if (value === undefined && optional !== undefined) return optional.fallback;
    if (typeof value === 'string' && value.length > 0) return value;
    this.problem(`${path}.${key}`, `must be a non-empty string, got ${describe(value)}`);
    return '';
  }

  number(parent: Json, key: string, path: string, rule: NumberRule = {}): number {
    const value = parent[key];
    const at = `${path}.${key}`;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.problem(at, `must be a number, got ${describe(value)}`);
      return 0;
    }
    if (rule.integer === true && !Number.isSafeInteger(value))
      this.problem(at, `must be a whole number, got ${value}`);
    else if (rule.min !== undefined && value < rule.min)
      this.problem(at, `must be ${rule.min} or more, got ${value}`);
    else if (rule.above !== undefined && value <= rule.above)
      this.problem(at, `must be more than ${rule.above}, got ${value}`);
    return value;
  }

  boolean(parent: Json, key: string, path: string): boolean {
    const value = parent[key];
    if (typeof value === 'boolean') return value;
    this.problem(`${path}.${key}`, `must be true or false, got ${describe(value)}`);
    return false;
  }

  oneOf<T extends string>(parent: Json, key: string, path: string, allowed: readonly T[]): T {
    const value = parent[key];
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    this.problem(`${path}.${key}`, `must be one of ${allowed.join(', ')}, got ${describe(value)}`);
    return allowed[0] as T;
  }

  array(parent: Json, key: string, path: string, nonEmpty: boolean): readonly unknown[] {
    const value = parent[key];
    if (!Array.isArray(value)) {
      this.problem(`${path}.${key}`, `must be an array, got ${describe(value)}`);
      return [];
    }
    if (nonEmpty && value.length === 0) this.problem(`${path}.${key}`, 'must not be empty');
    return value;
  }

  /** A set of allowed strings, sorted and without repeats so equal sets serialise equally. */
  setOf<T extends string>(parent: Json, key: string, path: string, allowed: readonly T[]): T[] {
    const items = this.array(parent, key, path, false);
    const result = new Set<T>();
    items.forEach((item, index) => {
      if (typeof item === 'string' && (allowed as readonly string[]).includes(item)) result.add(item as T);
      else
        this.problem(
          `${path}.${key}[${index}]`,
          `must be one of ${allowed.join(', ')}, got ${describe(item)}`,
        );
    });
    return [...result].sort();
  }
}

const describe = (value: unknown): string => {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : typeof value;
};
