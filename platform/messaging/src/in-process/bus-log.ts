import type { Sql } from '@omnistream/event-store';
import type { IncomingMessage, OutgoingMessage, TopicSpec } from '../bus.js';
import { partitionForKey } from './partition-for-key.js';

/** The channel that wakes readers; NOTIFY is transactional, so readers wake after the publishing commit. */
export const BUS_CHANNEL = 'omnistream_bus';

/** Creates the topics and their partitions that do not exist yet; existing ones are left as they are. */
export const createTopics = async (sql: Sql, topics: readonly TopicSpec[]): Promise<void> => {
  if (topics.length === 0) return;
  const json = JSON.stringify(
    topics.map((t) => ({
      n: t.name,
      p: t.partitions,
      r: t.replicationFactor,
      ms: t.retentionMs ?? null,
      c: t.config ?? {},
    })),
  );
  await sql.query(
    `insert into omnistream.bus_topics (name, partitions, replication_factor, retention_ms, config)
     select r.n, r.p, r.r, r.ms, r.c from jsonb_to_recordset($1::text::jsonb) as r(n text, p int, r int, ms bigint, c jsonb)
     on conflict (name) do nothing`,
    [json],
  );
  await sql.query(
    `insert into omnistream.bus_partitions (topic, partition)
     select t.name, p from omnistream.bus_topics t, generate_series(0, t.partitions - 1) p
      where t.name = any($1::text[])
     on conflict do nothing`,
    [topics.map((t) => t.name)],
  );
};

/** Partition counts of the given topics; a topic missing from the answer does not exist. */
export const topicPartitions = async (sql: Sql, topics: readonly string[]): Promise<Map<string, number>> => {
  const rows = await sql.query<{ name: string; partitions: number }>(
    'select name, partitions from omnistream.bus_topics where name = any($1::text[])',
    [[...topics]],
  );
  return new Map(rows.map((row) => [row.name, Number(row.partitions)]));
};

/**
 * Appends messages to their partitions. Each partition's counter row is locked in one sorted order (no deadlock
 * between publishers) and holds until commit, so offsets are dense and commit in offset order per partition.
 */
export const appendMessages = async (
  tx: Sql,
  messages: readonly OutgoingMessage[],
  partitions: ReadonlyMap<string, number>,
): Promise<void> => {
  const byPartition = new Map<string, { topic: string; partition: number; messages: OutgoingMessage[] }>();
  for (const message of messages) {
    const count = partitions.get(message.topic);
    if (count === undefined) throw new Error(`topic ${message.topic} does not exist`);
    const partition = partitionForKey(message.key, count);
    const id = `${message.topic}\u0000${String(partition).padStart(10, '0')}`;
    const entry = byPartition.get(id) ?? { topic: message.topic, partition, messages: [] };
    entry.messages.push(message);
    byPartition.set(id, entry);
  }
  const rows: unknown[] = [];
  for (const id of [...byPartition.keys()].sort()) {
    const entry = byPartition.get(id)!;
    const [counter] = await tx.query<{ first: string }>(
      `update omnistream.bus_partitions set next_offset = next_offset + $3
        where topic = $1 and partition = $2 returning (next_offset - $3)::text as first`,
      [entry.topic, entry.partition, entry.messages.length],
    );
    if (counter === undefined)
      throw new Error(`partition ${entry.partition} of ${entry.topic} does not exist`);
    const first = BigInt(counter.first);
    entry.messages.forEach((message, index) =>
      rows.push({
        t: entry.topic,
        p: entry.partition,
        o: String(first + BigInt(index)),
        k: message.key,
        v: Buffer.from(message.value).toString('base64'),
        h: message.headers,
      }),
    );
  }
  await tx.query(
    `insert into omnistream.bus_messages (topic, partition, "offset", key, value, headers)
     select r.t, r.p, r.o, r.k, decode(r.v, 'base64'), r.h
       from jsonb_to_recordset($1::text::jsonb) as r(t text, p int, o bigint, k text, v text, h jsonb)`,
    [JSON.stringify(rows)],
  );
  await tx.query(`select pg_notify('${BUS_CHANNEL}', t) from unnest($1::text[]) as t`, [
    [...new Set(messages.map((m) => m.topic))],
  ]);
};

/** Messages of one partition from `fromOffset` on, in offset order. */
export const readPartition = async (
  sql: Sql,
  topic: string,
  partition: number,
  fromOffset: bigint,
  limit: number,
): Promise<IncomingMessage[]> => {
  const rows = await sql.query<{ offset: string; key: string; value: string; headers: string; ms: string }>(
    `select "offset"::text as "offset", key, encode(value, 'base64') as value, headers::text as headers,
            (extract(epoch from published_at) * 1000)::bigint::text as ms
       from omnistream.bus_messages m
      where topic = $1 and partition = $2 and "offset" >= $3::bigint
      order by m."offset" -- qualified: the bare name would sort by the text alias
      limit $4`,
    [topic, partition, String(fromOffset), limit],
  );
  return rows.map((row) => ({
    topic,
    partition,
    offset: row.offset,
    key: row.key,
    value: new Uint8Array(Buffer.from(row.value, 'base64')),
    headers: JSON.parse(row.headers) as Record<string, string>,
    timestamp: new Date(Number(row.ms)),
  }));
};
