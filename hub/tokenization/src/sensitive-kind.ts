/**
 * What a schema may mark a field as, with `"x-omnistream-sensitive": <kind>`. The kind picks the token format (only
 * `pan` is format-preserving) and how a mask looks. Stored in the vault's `kind` column: never rename a kind.
 */
export const SENSITIVE_KINDS = ['pii', 'pan', 'email', 'phone'] as const;

export type SensitiveKind = (typeof SENSITIVE_KINDS)[number];

export const isSensitiveKind = (value: unknown): value is SensitiveKind =>
  typeof value === 'string' && (SENSITIVE_KINDS as readonly string[]).includes(value);
