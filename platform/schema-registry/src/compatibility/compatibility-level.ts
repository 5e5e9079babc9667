/** Confluent's compatibility levels; BACKWARD is the default when neither the subject nor the registry sets one. */
export const COMPATIBILITY_LEVELS = [
  'NONE',
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
] as const;

export type CompatibilityLevel = (typeof COMPATIBILITY_LEVELS)[number];

export const DEFAULT_COMPATIBILITY: CompatibilityLevel = 'BACKWARD';

/** Levels are case-insensitive on the wire; undefined when the text names none. */
export const parseCompatibilityLevel = (text: unknown): CompatibilityLevel | undefined => {
  if (typeof text !== 'string') return undefined;
  const upper = text.toUpperCase();
  return COMPATIBILITY_LEVELS.find((level) => level === upper);
};
