import { DomainError } from '@omnistream/kernel';

export type FieldValue = string | number | boolean | null;

/** The payload's field at `path` (object keys, outermost first) equals `value`. */
export interface FieldCondition {
  readonly path: readonly string[];
  readonly value: FieldValue;
}

const invalid = (message: string, filter: unknown) =>
  new DomainError('INVALID_FIELD_FILTER', message, { field: filter });

/**
 * Parses the query form `path.to.field=value`: the path is split at dots, the value is JSON when it parses as a
 * JSON scalar (`42`, `true`, `null`, `"42"` for the text) and text otherwise (`field=status=paid`).
 */
export const parseFieldFilter = (filter: string): FieldCondition => {
  const at = filter.indexOf('=');
  if (at <= 0)
    throw invalid(
      `field=${filter} is not of the form path.to.field=value (for example customer.id=42)`,
      filter,
    );
  const path = filter.slice(0, at).split('.');
  if (path.some((segment) => segment === ''))
    throw invalid(`field=${filter} has an empty path segment; name fields like customer.id`, filter);
  const text = filter.slice(at + 1);
  let value: unknown = text;
  try {
    value = JSON.parse(text);
  } catch {
    // Not JSON: compared as text.
  }
  if (value !== null && typeof value === 'object')
    throw invalid(
      `field=${filter}: the value must be a string, number, boolean or null; quote it ("...") to match it as text`,
      filter,
    );
  return { path, value: value as FieldValue };
};

type Containment = { [field: string]: Containment | FieldValue };

/**
 * The JSON document every condition is contained in: `payload @> it` is true when all of them hold, and a GIN
 * jsonb_path_ops index answers it. Paths name object keys only; a field inside an array is not reachable this way.
 */
export const containmentOf = (conditions: readonly FieldCondition[]): string => {
  // Null prototypes: a path segment such as `__proto__` is just a field name.
  const root = Object.create(null) as Containment;
  for (const { path, value } of conditions) {
    const described = path.join('.');
    let node = root;
    path.forEach((segment, index) => {
      const last = index === path.length - 1;
      const existing = Object.prototype.hasOwnProperty.call(node, segment) ? node[segment] : undefined;
      if (last) {
        if (existing !== undefined && existing !== value)
          throw invalid(`field ${described} is filtered twice or inside another filtered field`, described);
        node[segment] = value;
        return;
      }
      if (existing === undefined) {
        const child = Object.create(null) as Containment;
        node[segment] = child;
        node = child;
      } else if (existing !== null && typeof existing === 'object') node = existing;
      else throw invalid(`field ${described} lies inside another filtered field`, described);
    });
  }
  return JSON.stringify(root);
};
