import { DomainError } from '@omnistream/kernel';
import type { EventStore, FeedPosition, Sql } from '@omnistream/event-store';
import type { Projection } from './projection.js';
import { projectionLockKey } from './projection-lock-key.js';
import { projectionLocks } from './projection-locks.js';
import { readRegistry, type ProjectionState } from './read-registry.js';
import { subscriptionName } from './subscription-name.js';
import { versionedTable } from './versioned-table.js';

const PAGE = 1000;

/**
 * Makes a caught-up 'building' version the active one, in one transaction: it applies the events its subscription
 * has not applied yet, moves that subscription's checkpoint past them, retires the previously active version and
 * activates this one. Readers resolve the active version per read, so they move from the old tables to the new
 * ones at this commit, never seeing neither. Returns the version's state afterwards. The caller stops this
 * version's subscription first; another process's instance of it is caught by the checkpoint's compare-and-set.
 *
 * Inline projections (`inline: true`) need more, because from this commit on appends write the new version inline
 * and its subscription must stop: every event up to the switch has to be in the new tables, and none after it.
 * - The switch first takes (1871, lockKey) exclusively. Appends with the inline hook take it shared before their
 *   first write and hold it until they commit, so once we hold it no such append is in flight: each one either
 *   committed before (its events are visible to our next statement, READ COMMITTED) or has not written yet and
 *   waits for our commit — it then gets a newer transaction id, and its hook looks the active version up after
 *   our commit, so it writes the new version.
 * - The tail is therefore read as 'committed', not as the feed's stable prefix: an unrelated open transaction
 *   (another subscription's checkpoint, say) may hold the feed's horizon below appends that already committed and
 *   already wrote the old version inline; waiting for that horizon while holding the lock would stall every
 *   append, and on PGlite (one connection, held by this transaction) nothing else could run anyway.
 * - Everything at or before the old checkpoint was below the horizon when it was saved, so it is final.
 * So the new version gets exactly the events committed before the switch; its final checkpoint records where
 * inline took over. Appends by a store created without this hook are outside this argument: every writer of an
 * inline projection's events must register its hook.
 *
 * Asynchronous projections keep their subscription after the switch, so the tail must stay within the stable
 * prefix ('stable'): a checkpoint past an open transaction would skip its events when it commits.
 */
export const switchProjection = (
  store: EventStore,
  projection: Projection,
  { inline }: { inline: boolean },
): Promise<ProjectionState> => {
  const t = versionedTable(projection.name, projection.version, projection.tables);
  const subscription = subscriptionName(projection.name, projection.version);
  const lockKey = projectionLockKey(projection.name);
  return store.database.transaction(async (tx) => {
    // Always in this order (hook lock, then registry lock) and nothing takes them the other way round.
    if (inline) await tx.query(projectionLocks.inlineHook, [lockKey]);
    await tx.query(projectionLocks.registry, [lockKey]);
    const rows = await readRegistry(tx, projection.name);
    const mine = rows.find((row) => row.version === projection.version);
    if (mine === undefined)
      throw new DomainError(
        'PROJECTION_NOT_REGISTERED',
        `projection ${projection.name} v${projection.version} is not registered`,
      );
    if (mine.state !== 'building') return mine.state;
    const active = rows.find((row) => row.state === 'active');
    if (active !== undefined && active.version > projection.version) {
      await setState(tx, projection, 'retired');
      return 'retired';
    }

    await tx.query(`insert into omnistream.subscriptions (name) values ($1) on conflict (name) do nothing`, [
      subscription,
    ]);
    // Locking the checkpoint row makes a concurrent instance of this subscription wait, then fail its own
    // compare-and-set, instead of both applying the same events.
    const [checkpoint] = await tx.query<{ xid: string; pos: string }>(
      'select transaction_id::text as xid, global_position::text as pos from omnistream.subscriptions where name = $1 for update',
      [subscription],
    );
    if (checkpoint === undefined) throw new Error(`checkpoint ${subscription} vanished`);
    let position: FeedPosition = {
      transactionId: BigInt(checkpoint.xid),
      globalPosition: BigInt(checkpoint.pos),
    };
    for (;;) {
      const { events } = await store.readFeed(position, {
        limit: PAGE,
        upTo: inline ? 'committed' : 'stable',
        in: tx,
      });
      const last = events[events.length - 1];
      if (last === undefined) break;
      const relevant = projection.filter === undefined ? events : events.filter(projection.filter);
      if (relevant.length > 0) await projection.handle(relevant, tx, t);
      position = { transactionId: last.transactionId, globalPosition: last.globalPosition };
    }
    await tx.query(
      `update omnistream.subscriptions set transaction_id = $2::text::xid8, global_position = $3::bigint, updated_at = now()
        where name = $1`,
      [subscription, String(position.transactionId), String(position.globalPosition)],
    );
    // Retire first: the partial unique index allows one active version per projection.
    await tx.query(
      `update omnistream.projections set state = 'retired' where name = $1 and state = 'active'`,
      [projection.name],
    );
    await setState(tx, projection, 'active');
    return 'active';
  });
};

const setState = async (tx: Sql, projection: Projection, state: ProjectionState): Promise<void> => {
  await tx.query(
    `update omnistream.projections set state = $3, activated_at = case when $3 = 'active' then now() else activated_at end
      where name = $1 and version = $2`,
    [projection.name, projection.version, state],
  );
};
