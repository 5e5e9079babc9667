// NUL, and surrogates that are not part of a pair: JavaScript strings may hold them, jsonb and text columns refuse
// them, and one such string in a batch would fail the whole insert.
const NUL = '\u0000';
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

export const isStorableText = (value: string): boolean => !value.includes(NUL) && !LONE_SURROGATE.test(value);

/** The text with what PostgreSQL cannot store replaced by U+FFFD. */
export const storableText = (value: string): string =>
  value.replaceAll(NUL, '\ufffd').replace(LONE_SURROGATES, '\ufffd');
