export { dedupSchema } from './dedup-schema.js';
export {
  createDedupStore,
  type DedupStore,
  type DedupStoreOptions,
  type DedupClaim,
} from './create-dedup-store.js';
export type { DedupOutcome } from './dedup-outcome.js';
export type { KeyToClaim } from './claim-keys.js';
export { fingerprintOf } from './fingerprint-of.js';
