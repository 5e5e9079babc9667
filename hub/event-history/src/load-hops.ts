import type { Sql } from '@omnistream/event-store';
import type { Hop, HopOutcome, RecordedHop } from './event-hop.js';

interface HopRow {
  readonly event_id: string;
  readonly hop: Hop;
  readonly component: string;
  readonly outcome: HopOutcome;
  readonly attempt: number | null;
  readonly error: string | null;
  readonly ms: string;
}

/** The hops of the given events, each event's oldest first (ties in the order they were recorded). */
export const loadHops = async (
  sql: Sql,
  eventIds: readonly string[],
): Promise<Map<string, RecordedHop[]>> => {
  const hops = new Map<string, RecordedHop[]>();
  if (eventIds.length === 0) return hops;
  const rows = await sql.query<HopRow>(
    `select event_id, hop, component, outcome, attempt, error,
            (extract(epoch from at) * 1000)::bigint::text as ms
       from omnistream.hub_event_hops
      where event_id = any($1::text[])
      order by event_id, at, id`,
    [[...eventIds]],
  );
  for (const row of rows) {
    const hop: RecordedHop = {
      hop: row.hop,
      component: row.component,
      outcome: row.outcome,
      attempt: row.attempt === null ? null : Number(row.attempt),
      error: row.error,
      at: new Date(Number(row.ms)),
    };
    const list = hops.get(row.event_id);
    if (list === undefined) hops.set(row.event_id, [hop]);
    else list.push(hop);
  }
  return hops;
};
