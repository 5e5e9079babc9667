import { parseRuleSet } from '../domain/sourcing/parse-rule-set.js';
import type { RuleSet } from '../domain/sourcing/rule-set.js';
import defaultRules from './default-rules.json' with { type: 'json' };

/** The rule set shipped as default-rules.json, tuned against the greedy baseline on the generated network. */
export const defaultRuleSet: RuleSet = parseRuleSet(defaultRules);
