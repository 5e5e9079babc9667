/**
 * SQL for a timestamptz column as the canonical ISO 8601 UTC text the events carry (`2025-06-01T00:00:00.000Z`).
 * Formatted by the database so both drivers (which map timestamps to Date differently) answer the same text.
 */
export const isoUtc = (column: string): string =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
