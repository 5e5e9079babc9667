import type { Sql } from '../database/database.js';
import { FEED_START, type FeedPosition } from '../feed.js';

/** Another instance moved the checkpoint first: this batch must not commit. */
export class CheckpointMoved extends Error {
  constructor(name: string) {
    super(`the checkpoint of ${name} was moved by another instance`);
    this.name = 'CheckpointMoved';
  }
}

const toPosition = (row: { xid: string; pos: string } | undefined): FeedPosition =>
  row === undefined ? FEED_START : { transactionId: BigInt(row.xid), globalPosition: BigInt(row.pos) };

/** The feed position of the last committed event, including any still held back by an older open transaction. */
export const feedHead = async (sql: Sql): Promise<FeedPosition> =>
  toPosition(
    (
      await sql.query<{ xid: string; pos: string }>(
        `select transaction_id::text as xid, global_position::text as pos from omnistream.events
          order by transaction_id desc, global_position desc limit 1`,
      )
    )[0],
  );

/** Reads a subscription's checkpoint, creating it at the start or at the end of the feed when new. */
export const loadCheckpoint = async (
  sql: Sql,
  name: string,
  startFrom: 'beginning' | 'end',
): Promise<FeedPosition> => {
  const head =
    startFrom === 'end'
      ? toPosition(
          (
            await sql.query<{ xid: string; pos: string }>(
              `select transaction_id::text as xid, global_position::text as pos from omnistream.events
                where transaction_id < (select pg_snapshot_xmin(pg_current_snapshot()))
                order by transaction_id desc, global_position desc limit 1`,
            )
          )[0],
        )
      : FEED_START;
  await sql.query(
    `insert into omnistream.subscriptions (name, transaction_id, global_position) values ($1, $2::text::xid8, $3::bigint)
     on conflict (name) do nothing`,
    [name, String(head.transactionId), String(head.globalPosition)],
  );
  const rows = await sql.query<{ xid: string; pos: string }>(
    'select transaction_id::text as xid, global_position::text as pos from omnistream.subscriptions where name = $1',
    [name],
  );
  return toPosition(rows[0]);
};

/** Moves the checkpoint from `from` to `to`, or throws CheckpointMoved when it is no longer at `from`. */
export const saveCheckpoint = async (
  tx: Sql,
  name: string,
  from: FeedPosition,
  to: FeedPosition,
): Promise<void> => {
  const rows = await tx.query(
    `update omnistream.subscriptions set transaction_id = $2::text::xid8, global_position = $3::bigint, updated_at = now()
      where name = $1 and transaction_id = $4::text::xid8 and global_position = $5::bigint
      returning 1`,
    [
      name,
      String(to.transactionId),
      String(to.globalPosition),
      String(from.transactionId),
      String(from.globalPosition),
    ],
  );
  if (rows.length === 0) throw new CheckpointMoved(name);
};
