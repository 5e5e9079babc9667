/**
 * Advisory lock spaces (the first key of PostgreSQL's two-key advisory locks). 1871 is the event store's inline
 * projection lock: appends take it shared before their first write (see AppendHook), a switch takes it exclusively.
 * 1872 serialises changes to one projection's registry rows (register, switch, retire) across processes.
 */
export const projectionLocks = {
  inlineHook: 'select pg_advisory_xact_lock(1871, $1::int)',
  registry: 'select pg_advisory_xact_lock(1872, $1::int)',
} as const;
