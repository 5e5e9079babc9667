import type { EventEnvelope } from '@omnistream/kernel';
import type { Sql } from '@omnistream/event-store';

/**
 * Resolves a base table name of one projection version to its versioned, quoted, schema-qualified name, e.g.
 * `t('totals')` -> `omnistream_read."orders_totals_v2"`. Every version owns its own tables, which is what lets a
 * new version be built beside the old one while the old one keeps serving reads.
 */
export type TableName = (base: string) => string;

/** A read model: how to create one version's tables and how to apply events to them. */
export interface Projection {
  /** Lower-case letters, digits and underscores; stable across versions. */
  readonly name: string;
  /** Bump it whenever the tables' shape or the meaning of `handle` changes: a new version is rebuilt from the feed. */
  readonly version: number;
  /** Base names of this version's tables; `t(base)` accepts only these. */
  readonly tables: readonly string[];
  /** Creates this version's tables; runs once, when the version is first registered. */
  readonly setup: (tx: Sql, t: TableName) => Promise<void>;
  /** Applies events in the transaction that also records how far this version got, so each applies once. */
  readonly handle: (events: readonly EventEnvelope[], tx: Sql, t: TableName) => Promise<void>;
  /**
   * Events not matching are skipped. Decide by stream, type, data or metadata only: an inline projection is also
   * asked before the append (version and position still 0) whether an append concerns it at all.
   */
  readonly filter?: (event: EventEnvelope) => boolean;
}
