import { DomainError } from '@omnistream/kernel';
import type { Database } from '@omnistream/event-store';
import { readModel } from '@omnistream/projections';
import type { RuleSet } from '../domain/sourcing/rule-set.js';
import { SOURCING_PROJECTION } from '../read-models/sourcing-projection.js';

export interface PublishedRuleSet {
  readonly ruleSet: RuleSet;
  readonly publishedAt: string;
}

const ruleSetNotFound = (ruleSetId: string, version?: number) =>
  new DomainError(
    'RULE_SET_NOT_FOUND',
    version === undefined
      ? `no sourcing rule set ${ruleSetId}; publish one with PUT /inventory/sourcing/rule-sets/${ruleSetId}`
      : `sourcing rule set ${ruleSetId} has no version ${version}`,
    { ruleSetId, ...(version === undefined ? {} : { version }) },
  );

/**
 * Published rule sets, read from the sourcing projection (inline, so a rule set is readable as soon as its PUT
 * answers). A version never changes once published, so each is parsed and kept once.
 */
export const createRuleSetCatalogue = (db: Database) => {
  const byVersion = new Map<string, PublishedRuleSet>();
  type Row = { rule_set: RuleSet; published_at: string };
  const remember = (row: Row): PublishedRuleSet => {
    const key = `${row.rule_set.id}@${row.rule_set.version}`;
    let known = byVersion.get(key);
    if (known === undefined) {
      known = { ruleSet: Object.freeze(row.rule_set), publishedAt: row.published_at };
      byVersion.set(key, known);
    }
    return known;
  };
  const query = (sql: string, params: unknown[]) =>
    readModel(db, SOURCING_PROJECTION, ({ t }) =>
      db.query<Row>(sql.replaceAll('$rule_sets', t('rule_sets')), params),
    );
  return {
    /** The latest version of a rule set; RULE_SET_NOT_FOUND when it was never published. */
    latest: async (ruleSetId: string): Promise<PublishedRuleSet> => {
      const [row] = await query(
        `select rule_set, published_at from $rule_sets where rule_set_id = $1 order by version desc limit 1`,
        [ruleSetId],
      );
      if (row === undefined) throw ruleSetNotFound(ruleSetId);
      return remember(row);
    },
    version: async (ruleSetId: string, version: number): Promise<PublishedRuleSet> => {
      const known = byVersion.get(`${ruleSetId}@${version}`);
      if (known !== undefined) return known;
      const [row] = await query(
        `select rule_set, published_at from $rule_sets where rule_set_id = $1 and version = $2`,
        [ruleSetId, version],
      );
      if (row === undefined) throw ruleSetNotFound(ruleSetId, version);
      return remember(row);
    },
    /** Every version of one rule set, newest first. */
    history: async (ruleSetId: string): Promise<PublishedRuleSet[]> => {
      const rows = await query(
        `select rule_set, published_at from $rule_sets where rule_set_id = $1 order by version desc`,
        [ruleSetId],
      );
      if (rows.length === 0) throw ruleSetNotFound(ruleSetId);
      return rows.map(remember);
    },
    /** The latest version of every rule set, by id. */
    list: async (): Promise<PublishedRuleSet[]> =>
      (
        await query(
          `select distinct on (rule_set_id) rule_set, published_at from $rule_sets
           order by rule_set_id, version desc`,
          [],
        )
      ).map(remember),
  };
};

export type RuleSetCatalogue = ReturnType<typeof createRuleSetCatalogue>;
