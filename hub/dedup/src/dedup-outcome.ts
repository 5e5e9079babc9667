/**
 * What claiming one key found. `first`: the key is now held (pending) by this caller, which publishes and then
 * completes or releases it. `duplicate`: a finished attempt with the same payload; `answer` is what it returned.
 * `in_progress`: another attempt holds the key and has not finished. `reused`: the key belongs to a different
 * payload.
 */
export type DedupOutcome =
  | { readonly kind: 'first' }
  | { readonly kind: 'duplicate'; readonly answer: unknown }
  | { readonly kind: 'in_progress' }
  | { readonly kind: 'reused' };
