export type PathSegment = string | number;

/** `$.customer.email`, `$.lines[0].phone`, `$['odd key']`: where a value sat in the record, for the caller's log. */
export const jsonPath = (segments: readonly PathSegment[]): string =>
  segments.reduce<string>(
    (path, segment) =>
      typeof segment === 'number'
        ? `${path}[${segment}]`
        : /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment)
          ? `${path}.${segment}`
          : `${path}[${JSON.stringify(segment).replace(/^"|"$/g, "'")}]`,
    '$',
  );

/**
 * The field a value belongs to, array positions dropped (`lines[].phone`): what deterministic tokens are keyed by,
 * so every line's phone shares one field. Stored in the vault: never change the format.
 */
export const fieldName = (segments: readonly PathSegment[]): string =>
  segments.reduce<string>(
    (name, segment) =>
      typeof segment === 'number' ? `${name}[]` : name === '' ? segment : `${name}.${segment}`,
    '',
  );
