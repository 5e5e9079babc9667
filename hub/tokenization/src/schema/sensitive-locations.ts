import { DomainError } from '@omnistream/kernel';
import { isSensitiveKind, type SensitiveKind } from '../sensitive-kind.js';
import type { PathSegment } from './json-path.js';

/** The schema keyword that marks a field; its value is a SensitiveKind. */
export const SENSITIVE_KEYWORD = 'x-omnistream-sensitive';

export interface SensitiveLocation {
  readonly path: readonly PathSegment[];
  readonly kind: SensitiveKind;
  readonly value: string;
}

type Schema = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Resolves local references (`#/$defs/x`, `#/definitions/x`); remote ones are not followed. */
const resolve = (root: Schema, schema: Schema): Schema | undefined => {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const part of ref
    .slice(1)
    .split('/')
    .filter((p) => p !== '')) {
    const key = decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObject(node) ? node[key] : undefined;
  }
  return isObject(node) ? node : undefined;
};

/** A sensitive value must be text or a number; anything else fails closed rather than leave in the clear. */
const asText = (value: unknown, path: readonly PathSegment[]): string => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  throw new DomainError('INVALID_SENSITIVE_VALUE', 'a sensitive field holds neither text nor a number', {
    depth: path.length,
  });
};

/**
 * Every value in `value` that `schema` marks sensitive, with its path, by walking `properties`,
 * `additionalProperties`, `items`/`prefixItems`, the `allOf`/`anyOf`/`oneOf` branches and local `$ref`s side by side
 * with the record. The walk is driven by the data, so a schema that recurses (a tree of categories) terminates.
 * Missing and null values are left alone: there is nothing to protect.
 */
export const sensitiveLocations = (schema: Schema, value: unknown): SensitiveLocation[] => {
  const found = new Map<string, SensitiveLocation>();
  const visit = (node: Schema, data: unknown, path: readonly PathSegment[]): void => {
    const current = resolve(schema, node);
    if (current === undefined || data === undefined || data === null) return;
    const marked = current[SENSITIVE_KEYWORD];
    if (marked !== undefined) {
      if (!isSensitiveKind(marked))
        throw new DomainError(
          'INVALID_SENSITIVE_KIND',
          `${SENSITIVE_KEYWORD} must be pii, pan, email or phone`,
        );
      // One location per path, even when several branches of a schema mark it.
      found.set(JSON.stringify(path), { path, kind: marked, value: asText(data, path) });
      return;
    }
    for (const keyword of ['allOf', 'anyOf', 'oneOf'] as const) {
      const branches = current[keyword];
      if (Array.isArray(branches))
        for (const branch of branches) if (isObject(branch)) visit(branch, data, path);
    }
    if (Array.isArray(data)) {
      const prefix = Array.isArray(current.prefixItems)
        ? current.prefixItems
        : Array.isArray(current.items)
          ? current.items // draft-07 tuple form
          : [];
      const rest = isObject(current.items) ? current.items : undefined;
      data.forEach((item, index) => {
        const itemSchema: unknown = prefix[index] ?? rest;
        if (isObject(itemSchema)) visit(itemSchema, item, [...path, index]);
      });
      return;
    }
    if (!isObject(data)) return;
    const properties = isObject(current.properties) ? current.properties : {};
    const additional = isObject(current.additionalProperties) ? current.additionalProperties : undefined;
    for (const [key, child] of Object.entries(data)) {
      const childSchema = Object.hasOwn(properties, key) ? properties[key] : additional;
      if (isObject(childSchema)) visit(childSchema, child, [...path, key]);
    }
  };
  visit(schema, value, []);
  return [...found.values()];
};
