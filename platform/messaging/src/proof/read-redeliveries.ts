import type { Sql } from '@omnistream/event-store';

export interface Redeliveries {
  /** Messages the bus handed to the consumer runtime, over every consumer process of the run. */
  readonly delivered: number;
  /** Of those, messages whose effect was already committed: the inbox alone kept them from a second effect. */
  readonly afterEffect: number;
}

export const readRedeliveries = async (effects: Sql): Promise<Redeliveries> => {
  const [row] = await effects.query<Redeliveries>(
    `select count(*)::int as delivered, (count(*) filter (where already_applied))::int as "afterEffect"
       from ledger_proof.deliveries`,
  );
  return row ?? { delivered: 0, afterEffect: 0 };
};
