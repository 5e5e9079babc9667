export { SENSITIVE_KINDS, isSensitiveKind, type SensitiveKind } from './sensitive-kind.js';
export { isLuhnValid } from './formats/luhn.js';
export { formatPreservingPanToken, normalizePan } from './formats/format-preserving-pan-token.js';
export { maskValue } from './formats/mask-value.js';
export {
  sensitiveLocations,
  SENSITIVE_KEYWORD,
  type SensitiveLocation,
} from './schema/sensitive-locations.js';
export { tokenizationSchema } from './vault/tokenization-schema.js';
export { createTokenVault, type TokenVaultOptions } from './vault/create-token-vault.js';
export type {
  TokenVault,
  TokenizeRequest,
  TokenizedRecord,
  Detokenized,
  Disclosure,
  TokenReveal,
  LocatedRecord,
} from './vault/token-vault.js';
export {
  createDetokenizePolicies,
  type DetokenizePolicies,
  type DetokenizePoliciesConfig,
  type ConsumerPolicyConfig,
  type DetokenizePolicy,
} from './policies/create-detokenize-policies.js';
export { detokenizeAs } from './policies/detokenize-as.js';
export { tokenizationRoutes, type TokenizationRoutesOptions } from './http/tokenization-routes.js';
