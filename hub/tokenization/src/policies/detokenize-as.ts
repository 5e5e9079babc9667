import { DomainError } from '@omnistream/kernel';
import type { Detokenized, TokenVault } from '../vault/token-vault.js';
import type { DetokenizePolicies } from './create-detokenize-policies.js';

/**
 * Detokenizes on behalf of an authenticated consumer, under that consumer's policy for the token's kind.
 * Anonymous callers get UNAUTHENTICATED; a `deny` policy DETOKENIZE_FORBIDDEN, before any value is decrypted.
 */
export const detokenizeAs = async (
  { vault, policies }: { readonly vault: TokenVault; readonly policies: DetokenizePolicies },
  consumer: string | null,
  token: string,
): Promise<Detokenized> => {
  if (consumer === null)
    throw new DomainError('UNAUTHENTICATED', 'detokenizing needs an authenticated consumer');
  const { kind } = await vault.describe(token);
  const policy = policies.policyFor(consumer, kind);
  if (policy === 'deny')
    throw new DomainError('DETOKENIZE_FORBIDDEN', `this consumer may not detokenize ${kind} values`, {
      kind,
    });
  return vault.detokenize({ token, consumer, policy });
};
