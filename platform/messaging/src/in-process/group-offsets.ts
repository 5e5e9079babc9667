import type { Sql } from '@omnistream/event-store';

/** Another member moved the group's offset first: this batch must not be committed over it. */
export class OffsetMoved extends Error {
  constructor(group: string, topic: string, partition: number) {
    super(`the offset of ${group} on ${topic}/${partition} was moved by another member`);
    this.name = 'OffsetMoved';
  }
}

/** The next offset the group reads in a partition, created at the start or at the end of the partition when new. */
export const loadGroupOffset = async (
  sql: Sql,
  group: string,
  topic: string,
  partition: number,
  startFrom: 'earliest' | 'latest',
): Promise<bigint> => {
  await sql.query(
    `insert into omnistream.bus_offsets (group_name, topic, partition, next_offset)
     select $1, $2, $3, case when $4 = 'latest' then p.next_offset else 0 end
       from omnistream.bus_partitions p where p.topic = $2 and p.partition = $3
     on conflict do nothing`,
    [group, topic, partition, startFrom],
  );
  const [row] = await sql.query<{ next: string }>(
    `select next_offset::text as next from omnistream.bus_offsets
      where group_name = $1 and topic = $2 and partition = $3`,
    [group, topic, partition],
  );
  if (row === undefined) throw new Error(`partition ${partition} of ${topic} does not exist`);
  return BigInt(row.next);
};

/** Moves the offset by compare-and-set, so two members overlapping for a moment never both commit. */
export const commitGroupOffset = async (
  sql: Sql,
  group: string,
  topic: string,
  partition: number,
  from: bigint,
  to: bigint,
): Promise<void> => {
  const rows = await sql.query(
    `update omnistream.bus_offsets set next_offset = $5::bigint, updated_at = now()
      where group_name = $1 and topic = $2 and partition = $3 and next_offset = $4::bigint returning 1`,
    [group, topic, partition, String(from), String(to)],
  );
  if (rows.length === 0) throw new OffsetMoved(group, topic, partition);
};

/** Per partition of the topics: messages after the group's committed offset (all of them when none is committed). */
export const groupLag = async (
  sql: Sql,
  group: string,
  topics: readonly string[],
): Promise<{ topic: string; partition: number; lag: number }[]> => {
  const rows = await sql.query<{ topic: string; partition: number; lag: string }>(
    `select p.topic, p.partition, (p.next_offset - coalesce(o.next_offset, 0))::text as lag
       from omnistream.bus_partitions p
       left join omnistream.bus_offsets o on o.group_name = $1 and o.topic = p.topic and o.partition = p.partition
      where p.topic = any($2::text[])
      order by p.topic, p.partition`,
    [group, [...topics]],
  );
  return rows.map((row) => ({ topic: row.topic, partition: Number(row.partition), lag: Number(row.lag) }));
};
