import {
  DomainError,
  canonicalJson,
  type Command,
  type DecidedEvent,
  type Decider,
} from '@omnistream/kernel';
import type { RuleSet } from '../sourcing/rule-set.js';

/** A named sourcing policy and its published versions (stream `sourcingrules-<id>`). */
export type SourcingRuleSet =
  { readonly status: 'none' } | { readonly status: 'published'; readonly latest: RuleSet };

export type SourcingRuleSetCommand = Command<
  'PublishRuleSet',
  {
    /** Already validated by parseRuleSet; its `version` is ignored: the stream assigns the next one. */
    readonly ruleSet: RuleSet;
    /** When given, the version the caller expects to publish (the latest plus one), as a precondition. */
    readonly expectedNextVersion?: number;
  }
>;

export type SourcingRuleSetEvent = DecidedEvent<
  'SourcingRuleSetPublished',
  { readonly ruleSet: RuleSet; readonly at: string }
>;

/** The rule set without its version: two publications with the same content are the same policy. */
const content = ({ version: _version, ...rest }: RuleSet): string => canonicalJson(rest);

/**
 * Rule sets are values: publishing one is a new version, never an edit, so every decision can name the exact
 * rules that made it. Publishing the same content as the latest version is a no-op (a retried PUT).
 */
export const sourcingRuleSet: Decider<SourcingRuleSet, SourcingRuleSetCommand, SourcingRuleSetEvent> = {
  initialState: () => ({ status: 'none' }),
  decide: (command, state) => {
    const { ruleSet, expectedNextVersion } = command.data;
    const latestVersion = state.status === 'none' ? 0 : state.latest.version;
    if (state.status === 'published' && content(state.latest) === content(ruleSet)) return [];
    const version = latestVersion + 1;
    if (expectedNextVersion !== undefined && expectedNextVersion !== version)
      throw new DomainError(
        'RULE_SET_VERSION_CONFLICT',
        `rule set ${ruleSet.id} is at version ${latestVersion}, so the next one is ${version}, not ${expectedNextVersion}`,
        { actualVersion: latestVersion },
      );
    return [
      {
        type: 'SourcingRuleSetPublished',
        data: { ruleSet: { ...ruleSet, version }, at: command.metadata.now },
      },
    ];
  },
  evolve: (_state, event) => ({ status: 'published', latest: event.data.ruleSet }),
};
