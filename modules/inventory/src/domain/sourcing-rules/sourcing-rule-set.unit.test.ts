import { describe, it } from 'vitest';
import { decideSpec } from '@omnistream/kernel';
import { parseRuleSet } from '../sourcing/parse-rule-set.js';
import { ruleSetJson } from '../sourcing/sourcing.fixture.js';
import { sourcingRuleSet, type SourcingRuleSetEvent } from './sourcing-rule-set.js';

const now = '2026-11-27T09:00:00.000Z';
const spec = decideSpec(sourcingRuleSet);
const rules = parseRuleSet({ ...ruleSetJson, id: 'gb', version: 1 });
const published = (version: number, splitPenalty = rules.splitPenalty): SourcingRuleSetEvent => ({
  type: 'SourcingRuleSetPublished',
  data: { ruleSet: { ...rules, splitPenalty, version }, at: now },
});
const publish = (splitPenalty: number, expectedNextVersion?: number) => ({
  type: 'PublishRuleSet' as const,
  data: {
    ruleSet: { ...rules, splitPenalty, version: 99 },
    ...(expectedNextVersion === undefined ? {} : { expectedNextVersion }),
  },
  metadata: { now },
});

describe('sourcing rule set', () => {
  it('publishes the first rule set as version 1, whatever version the body carried', () =>
    spec
      .given([])
      .when(publish(rules.splitPenalty))
      .then([published(1)]));

  it('publishes a change as the next version', () =>
    spec
      .given([published(1)])
      .when(publish(80))
      .then([published(2, 80)]));

  it('publishes nothing when the content is the latest version again', () =>
    spec
      .given([published(1), published(2, 80)])
      .when(publish(80))
      .then([]));

  it('refuses a precondition on a version that is not the next one', () =>
    spec
      .given([published(1), published(2, 80)])
      .when(publish(90, 2))
      .thenRejects('RULE_SET_VERSION_CONFLICT'));

  it('accepts a precondition on the next version', () =>
    spec
      .given([published(1)])
      .when(publish(90, 2))
      .then([published(2, 90)]));
});
