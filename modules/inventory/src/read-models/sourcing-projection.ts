import type { EventEnvelope } from '@omnistream/kernel';
import type { Projection } from '@omnistream/projections';
import type { OrderSourcingEvent } from '../domain/order-sourcing/order-sourcing.js';
import type { SourcingRuleSetEvent } from '../domain/sourcing-rules/sourcing-rule-set.js';

export const SOURCING_PROJECTION = 'inventory_sourcing';

const isSourcingEvent = (event: EventEnvelope): boolean =>
  event.streamId.startsWith('sourcingrules-') || event.streamId.startsWith('sourcing-');

/**
 * Every published version of every rule set (decisions name the version they used, so old ones stay readable),
 * and the order lines sourcing has given each location per day: the "today's load" of the rotation rule.
 */
export const sourcingProjection: Projection = {
  name: SOURCING_PROJECTION,
  version: 1,
  tables: ['rule_sets', 'load'],
  filter: isSourcingEvent,
  setup: async (tx, t) => {
    await tx.query(`create table ${t('rule_sets')} (
      rule_set_id text not null, version integer not null, rule_set jsonb not null, published_at text not null,
      primary key (rule_set_id, version))`);
    await tx.query(`create table ${t('load')} (
      day text not null, location_id text not null, lines bigint not null, primary key (day, location_id))`);
  },
  handle: async (events, tx, t) => {
    for (const event of events.filter(isSourcingEvent) as unknown as (EventEnvelope &
      (SourcingRuleSetEvent | OrderSourcingEvent))[]) {
      switch (event.type) {
        case 'SourcingRuleSetPublished': {
          const { ruleSet, at } = event.data;
          await tx.query(
            `insert into ${t('rule_sets')} (rule_set_id, version, rule_set, published_at)
             values ($1, $2, $3::text::jsonb, $4) on conflict do nothing`,
            [ruleSet.id, ruleSet.version, JSON.stringify(ruleSet), at],
          );
          break;
        }
        case 'OrderSourcingDecided': {
          const { day, change } = event.data.load;
          for (const [locationId, lines] of Object.entries(change))
            await tx.query(
              `insert into ${t('load')} (day, location_id, lines) values ($1, $2, $3)
               on conflict (day, location_id) do update set lines = ${t('load')}.lines + excluded.lines`,
              [day, locationId, lines],
            );
          break;
        }
      }
    }
  },
};
