import type { Sql } from '@omnistream/event-store';
import type { DeliveryReport, IncomingMessage, OutgoingMessage, TopicSpec } from '../bus.js';

/** The channel that wakes readers; NOTIFY is transactional, so readers wake after the publishing commit. */
export const BUS_CHANNEL = 'omnistream_bus';

/**
 * A notification on BUS_CHANNEL names the partition written: `<topic> <partition>` (topic names hold no space), so
 * that only that partition's readers wake; a bare `<topic>`, as earlier versions send, wakes every partition.
 */
export const publishedPayload = (topic: string, partition: number): string => `${topic} ${partition}`;

export const parsePublishedPayload = (payload: string): { topic: string; partition?: number } => {
  const space = payload.lastIndexOf(' ');
  const partition = space < 0 ? NaN : Number(payload.slice(space + 1));
  return Number.isSafeInteger(partition) && partition >= 0
    ? { topic: payload.slice(0, space), partition }
    : { topic: payload };
};

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
 * Appends messages to their partitions and reports where each one went, in the order given. Each partition's counter
 * row is locked in one sorted order (no deadlock between publishers) and holds until commit, so offsets are dense
 * and commit in offset order per partition.
 */
export const appendMessages = async (
  tx: Sql,
  messages: readonly OutgoingMessage[],
  partitions: ReadonlyMap<string, number>,
  choosePartition: (message: OutgoingMessage, partitions: number) => number,
): Promise<DeliveryReport[]> => {
  const byPartition = new Map<string, { topic: string; partition: number; messages: OutgoingMessage[] }>();
  // Each message's partition entry and its index in it, to answer in the order given.
  const placed: { id: string; index: number }[] = [];
  for (const message of messages) {
    const count = partitions.get(message.topic);
    if (count === undefined) throw new Error(`topic ${message.topic} does not exist`);
    const partition = choosePartition(message, count);
    const id = `${message.topic}\u0000${String(partition).padStart(10, '0')}`;
    const entry = byPartition.get(id) ?? { topic: message.topic, partition, messages: [] };
    placed.push({ id, index: entry.messages.length });
    entry.messages.push(message);
    byPartition.set(id, entry);
  }
  const ids = [...byPartition.keys()].sort();
  const entries = ids.map((id) => byPartition.get(id)!);
  // Several partitions: their counter rows are locked first, in sorted order. One partition needs no such step.
  if (entries.length > 1)
    await tx.query(
      `select 1 from omnistream.bus_partitions b
        join unnest($1::text[], $2::int[]) as w(topic, partition) on b.topic = w.topic and b.partition = w.partition
        order by b.topic, b.partition for update of b`,
      [entries.map((e) => e.topic), entries.map((e) => e.partition)],
    );
  const rows = entries.flatMap((entry) =>
    entry.messages.map((message, index) => ({
      t: entry.topic,
      p: entry.partition,
      i: index,
      k: message.key,
      v: Buffer.from(message.value).toString('base64'),
      h: message.headers,
      ms: message.timestamp?.getTime() ?? null,
    })),
  );
  // One statement: each partition's counter moves on by its messages, which take the offsets it held.
  const counters = await tx.query<{ topic: string; partition: number; first: string; n: string; ms: string }>(
    `with counters as (
       update omnistream.bus_partitions b set next_offset = b.next_offset + w.n
         from unnest($1::text[], $2::int[], $3::int[]) as w(topic, partition, n)
        where b.topic = w.topic and b.partition = w.partition
       returning b.topic, b.partition, b.next_offset - w.n as first
     ), inserted as (
       insert into omnistream.bus_messages (topic, partition, "offset", key, value, headers, published_at)
       select r.t, r.p, c.first + r.i, r.k, decode(r.v, 'base64'), r.h,
              coalesce(to_timestamp(r.ms / 1000.0), now())
         from jsonb_to_recordset($4::text::jsonb) as r(t text, p int, i int, k text, v text, h jsonb, ms bigint)
         join counters c on c.topic = r.t and c.partition = r.p
       returning 1
     )
     select c.topic, c.partition, c.first::text as first, (select count(*) from inserted)::text as n,
            (extract(epoch from now()) * 1000)::bigint::text as ms
       from counters c`,
    [
      entries.map((e) => e.topic),
      entries.map((e) => e.partition),
      entries.map((e) => e.messages.length),
      JSON.stringify(rows),
    ],
  );
  if (Number(counters[0]?.n ?? 0) !== rows.length)
    throw new Error(
      `some partitions of ${[...new Set(entries.map((e) => e.topic))].join(', ')} do not exist`,
    );
  await tx.query(`select pg_notify('${BUS_CHANNEL}', t) from unnest($1::text[]) as t`, [
    entries.map((e) => publishedPayload(e.topic, e.partition)),
  ]);
  const firstOffsets = new Map(
    counters.map((c) => [`${c.topic}\u0000${String(c.partition).padStart(10, '0')}`, BigInt(c.first)]),
  );
  const now = new Date(Number(counters[0]?.ms));
  return messages.map((message, i) => {
    const { id, index } = placed[i]!;
    const entry = byPartition.get(id)!;
    return {
      topic: entry.topic,
      partition: entry.partition,
      offset: String(firstOffsets.get(id)! + BigInt(index)),
      timestamp: message.timestamp ?? now,
    };
  });
};

/** Messages of one partition from `fromOffset` on, in offset order. */
export const readPartition = async (
  sql: Sql,
  topic: string,
  partition: number,
  fromOffset: bigint,
  limit: number,
): Promise<IncomingMessage[]> => {
  const rows = await sql.query<{
    offset: string;
    key: string | null;
    value: string;
    headers: string;
    ms: string;
  }>(
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
