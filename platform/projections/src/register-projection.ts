import type { Database } from '@omnistream/event-store';
import type { Projection } from './projection.js';
import { projectionLockKey } from './projection-lock-key.js';
import { projectionLocks } from './projection-locks.js';
import { readRegistry, type ProjectionState } from './read-registry.js';
import { subscriptionName } from './subscription-name.js';
import { versionedTable } from './versioned-table.js';

/**
 * Registers a projection version and creates its tables in one transaction, so a registered version always has
 * its tables; returns its state. A version older than the active one is recorded as retired at once and gets no
 * tables: it must never serve reads again.
 */
export const registerProjection = (db: Database, projection: Projection): Promise<ProjectionState> => {
  const t = versionedTable(projection.name, projection.version, projection.tables);
  return db.transaction(async (tx) => {
    await tx.query(projectionLocks.registry, [projectionLockKey(projection.name)]);
    const rows = await readRegistry(tx, projection.name);
    const mine = rows.find((row) => row.version === projection.version);
    if (mine !== undefined) return mine.state;
    const active = rows.find((row) => row.state === 'active');
    const state: ProjectionState =
      active !== undefined && active.version > projection.version ? 'retired' : 'building';
    await tx.query(
      `insert into omnistream.projections (name, version, state, subscription, tables)
       values ($1, $2, $3, $4, array(select jsonb_array_elements_text($5::text::jsonb)))`,
      [
        projection.name,
        projection.version,
        state,
        subscriptionName(projection.name, projection.version),
        JSON.stringify(projection.tables),
      ],
    );
    if (state === 'building') await projection.setup(tx, t);
    return state;
  });
};
