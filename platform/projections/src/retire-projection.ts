import { DomainError } from '@omnistream/kernel';
import type { Database } from '@omnistream/event-store';
import { projectionLockKey } from './projection-lock-key.js';
import { projectionLocks } from './projection-locks.js';
import { readRegistry } from './read-registry.js';
import { versionedTable } from './versioned-table.js';

/**
 * Retires a projection version that is not active and drops its tables and checkpoint. Readers that resolved it
 * just before a switch are retried by `readModel`; do it some time after the switch, not in the same breath. A
 * runner of the version still running notices on its next batch or check and stops.
 */
export const retireProjection = (db: Database, name: string, version: number): Promise<void> =>
  db.transaction(async (tx) => {
    await tx.query(projectionLocks.registry, [projectionLockKey(name)]);
    const row = (await readRegistry(tx, name)).find((candidate) => candidate.version === version);
    if (row === undefined) return;
    if (row.state === 'active')
      throw new DomainError(
        'PROJECTION_ACTIVE',
        `projection ${name} v${version} is active; switch to another version first`,
        { name, version },
      );
    await tx.query(`update omnistream.projections set state = 'retired' where name = $1 and version = $2`, [
      name,
      version,
    ]);
    const t = versionedTable(name, version, row.tables);
    for (const base of row.tables) await tx.query(`drop table if exists ${t(base)}`);
    await tx.query('delete from omnistream.subscriptions where name = $1', [row.subscription]);
  });
