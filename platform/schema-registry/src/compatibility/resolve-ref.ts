import { isSchemaObject, type JsonSchema } from '../json-schema/json-schema.js';

const MAX_HOPS = 32;

/** Follows a JSON Pointer fragment (`#/$defs/line`) within `root`; undefined when it leads nowhere. */
const pointTo = (root: JsonSchema, ref: string): JsonSchema | undefined => {
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    if (raw === '') continue;
    const segment = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isSchemaObject(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return typeof node === 'boolean' || isSchemaObject(node) ? node : undefined;
};

/**
 * Replaces a `$ref` to a place in the same document with its target, keeping the referring schema's other
 * keywords (in 2020-12 they apply beside the reference). Returns the refs followed, so a caller can stop at a
 * cycle, and leaves references to other documents in place.
 */
export const resolveRef = (schema: JsonSchema, root: JsonSchema): { schema: JsonSchema; refs: string } => {
  let current = schema;
  const followed: string[] = [];
  for (let hop = 0; hop < MAX_HOPS && isSchemaObject(current); hop += 1) {
    const ref = current.$ref;
    if (typeof ref !== 'string' || !(ref === '#' || ref.startsWith('#/'))) break;
    const target = pointTo(root, ref);
    if (target === undefined) break;
    followed.push(ref);
    const { $ref: _ref, ...siblings } = current;
    current = target === false ? false : { ...(target === true ? {} : target), ...siblings };
  }
  return { schema: current, refs: followed.join(' ') };
};
