import { DomainError } from '@omnistream/kernel';
import type { AppendHook } from '@omnistream/event-store';
import type { Projection, TableName } from './projection.js';
import { projectionLockKey } from './projection-lock-key.js';
import { versionedTable } from './versioned-table.js';

export interface InlineProjectionOptions {
  /**
   * Older versions this process can still write. While a new version is being rebuilt the old one stays active and
   * is written inline, so roll out code that knows both before starting the rebuild.
   */
  readonly previous?: readonly Projection[];
}

/**
 * An inline projection: an AppendHook for `createEventStore({ onAppended })` that applies appended events to the
 * active version's tables in the append's own transaction, so a read after the append sees them.
 *
 * The active version is looked up inside that transaction on every append, not cached: the store took the hook's
 * lock shared before the append's first write, and a switch holds it exclusively until it commits (see
 * switchProjection), so the answer read here cannot change before this append commits. It relies on READ COMMITTED,
 * where this statement's snapshot is newer than any switch that finished while the append waited for the lock.
 * With no version active yet the hook writes nothing: the first version is being built from the feed and takes
 * over under the same lock. Start the versions with `startProjection(store, projection, { inline: true })`.
 */
export const inlineProjection = (
  projection: Projection,
  { previous = [] }: InlineProjectionOptions = {},
): AppendHook => {
  const versions = new Map<number, { projection: Projection; t: TableName }>();
  for (const known of [projection, ...previous]) {
    if (known.name !== projection.name)
      throw new DomainError(
        'INVALID_PROJECTION_NAME',
        `inline projection ${projection.name} cannot also write ${known.name}`,
      );
    versions.set(known.version, {
      projection: known,
      t: versionedTable(known.name, known.version, known.tables),
    });
  }
  const filters = [...versions.values()].map((known) => known.projection.filter);
  const relevantToAny = (events: Parameters<AppendHook['handle']>[1]): boolean =>
    filters.some((filter) => filter === undefined || events.some(filter));
  return {
    name: `projection:${projection.name}`,
    lockKey: projectionLockKey(projection.name),
    concerns: (event) => filters.some((filter) => filter === undefined || filter(event)),
    handle: async (tx, events) => {
      // Most appends concern none of a projection's streams: when no version this process knows would take any of
      // the events, whichever version is active writes nothing, so the lookup is skipped (one query per hook and
      // append otherwise, most of a busy server's statements).
      if (!relevantToAny(events)) return;
      const [active] = await tx.query<{ version: number }>(
        `select version from omnistream.projections where name = $1 and state = 'active'`,
        [projection.name],
      );
      if (active === undefined) return;
      const known = versions.get(active.version);
      // Writing nothing would lose these events from the read model for good: fail the append instead.
      if (known === undefined)
        throw new DomainError(
          'PROJECTION_VERSION_UNKNOWN',
          `projection ${projection.name} v${active.version} is active but this process only knows ${[...versions.keys()].join(', ')}`,
          { name: projection.name, version: active.version },
        );
      const relevant =
        known.projection.filter === undefined ? events : events.filter(known.projection.filter);
      if (relevant.length > 0) await known.projection.handle(relevant, tx, known.t);
    },
  };
};
