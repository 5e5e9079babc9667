import type { SensitiveLocation } from '../schema/sensitive-locations.js';
import type { SensitiveKind } from '../sensitive-kind.js';

/** What a consumer is shown; `deny` is decided before the vault is asked (see detokenizeAs). */
export type Disclosure = 'reveal' | 'mask' | 'redact';

export interface TokenizeRequest {
  readonly subjectId: string;
  readonly field: string;
  readonly kind: SensitiveKind;
  readonly value: string;
  /** Overrides the vault's `deterministicFields` for this call. */
  readonly deterministic?: boolean;
}

export type Detokenized = { readonly value: string } | { readonly value: null; readonly redacted: true };

export interface TokenReveal {
  readonly consumer: string;
  readonly policy: Disclosure;
  readonly field: string;
  readonly at: string;
}

export interface TokenizedRecord {
  readonly value: unknown;
  /** JSON paths (`$.customer.email`) whose values were replaced. Paths only: never values or tokens. */
  readonly tokenized: readonly string[];
}

/** A record whose sensitive values were found (sensitiveLocations, or a topic's own list of paths). */
export interface LocatedRecord {
  readonly subjectId: string;
  readonly value: unknown;
  readonly locations: readonly SensitiveLocation[];
}

export interface TokenVault {
  /**
   * Tokenizes many records in one transaction and a handful of round trips, whatever their number: the path of
   * the produce proxy. All of them leave with every located value tokenized, or the call fails and none does.
   */
  tokenizeMany(records: readonly LocatedRecord[]): Promise<unknown[]>;
  tokenize(request: TokenizeRequest): Promise<string>;
  tokenizeRecord(
    schema: Readonly<Record<string, unknown>>,
    value: unknown,
    subjectId: string,
  ): Promise<TokenizedRecord>;
  /** What a token stands for (never its value); TOKEN_NOT_FOUND when unknown. */
  describe(token: string): Promise<{ readonly field: string; readonly kind: SensitiveKind }>;
  /** Every call is audited, whatever the disclosure. TOKEN_NOT_FOUND, SUBJECT_ERASED. */
  detokenize(request: { token: string; consumer: string; policy: Disclosure }): Promise<Detokenized>;
  /** Crypto-shreds the subject; true when it had a key or tokens. */
  eraseSubject(subjectId: string): Promise<boolean>;
  revealsOf(token: string): Promise<TokenReveal[]>;
}
