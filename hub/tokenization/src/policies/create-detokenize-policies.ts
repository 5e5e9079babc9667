import { DomainError } from '@omnistream/kernel';
import { SENSITIVE_KINDS, isSensitiveKind, type SensitiveKind } from '../sensitive-kind.js';
import type { Disclosure } from '../vault/token-vault.js';

export type DetokenizePolicy = Disclosure | 'deny';

/** Per consumer: a policy per kind, and `default` for kinds not named (itself `redact` when not given). */
export type ConsumerPolicyConfig = Readonly<Partial<Record<SensitiveKind | 'default', DetokenizePolicy>>>;

export type DetokenizePoliciesConfig = Readonly<Record<string, ConsumerPolicyConfig>>;

export interface DetokenizePolicies {
  /** `deny` for consumers the configuration does not name: nobody detokenizes by accident. */
  policyFor(consumer: string, kind: SensitiveKind): DetokenizePolicy;
}

const POLICIES: readonly string[] = ['reveal', 'mask', 'redact', 'deny'];

const invalid = (message: string): DomainError => new DomainError('INVALID_TOKENIZATION_POLICY', message);

/** Parsed once, at boot (STYLE.md 10): an unknown kind or policy fails here, not on the first request. */
export const createDetokenizePolicies = (config: DetokenizePoliciesConfig): DetokenizePolicies => {
  const byConsumer = new Map<string, ConsumerPolicyConfig>();
  for (const [consumer, policies] of Object.entries(config)) {
    for (const [key, policy] of Object.entries(policies)) {
      if (key !== 'default' && !isSensitiveKind(key))
        throw invalid(
          `consumer ${consumer}: ${key} is not a kind (${SENSITIVE_KINDS.join(', ')}) nor default`,
        );
      if (typeof policy !== 'string' || !POLICIES.includes(policy))
        throw invalid(`consumer ${consumer}: ${key} must be one of ${POLICIES.join(', ')}`);
    }
    byConsumer.set(consumer, Object.freeze({ ...policies }));
  }
  return Object.freeze({
    policyFor: (consumer: string, kind: SensitiveKind): DetokenizePolicy => {
      const policies = byConsumer.get(consumer);
      if (policies === undefined) return 'deny';
      return policies[kind] ?? policies.default ?? 'redact';
    },
  });
};
