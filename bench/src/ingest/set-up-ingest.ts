import type { Sql } from '@omnistream/event-store';
import { createApiKey } from '@omnistream/produce-proxy';
import { orderRecordSchema } from './order-record.js';
import type { IngestTarget } from './produce-requests.js';

const call = async (method: 'POST' | 'PUT', url: string, body: object): Promise<unknown> => {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return JSON.parse(text) as unknown;
};

/**
 * What a real producer team does before producing, over HTTP: registers the value schema (JSON Schema, two fields
 * marked sensitive) under `<topic>-value` and the topic against it. The API key is issued in-process against the
 * server's database, as `omnistream api-keys create` would.
 */
export const setUpIngest = async (
  baseUrl: string,
  db: Sql,
  topic: string,
  partitions: number,
): Promise<IngestTarget> => {
  const subject = `${topic}-value`;
  const registered = (await call(
    'POST',
    `${baseUrl}/schema-registry/subjects/${encodeURIComponent(subject)}/versions`,
    {
      schemaType: 'JSON',
      schema: JSON.stringify(orderRecordSchema),
    },
  )) as { id?: unknown };
  if (typeof registered.id !== 'number')
    throw new Error(`schema registration answered ${JSON.stringify(registered)}`);
  await call('PUT', `${baseUrl}/hub/topics/${encodeURIComponent(topic)}`, {
    owner: 'bench',
    subject,
    partitions,
  });
  const key = await createApiKey(db, { name: 'bench-ingest', produce: [topic], consume: [] });
  return {
    baseUrl,
    topic,
    schemaId: registered.id,
    authorization: `Basic ${Buffer.from(`${key.key}:${key.secret}`).toString('base64')}`,
  };
};

/** The cluster id v3 paths need, from `GET /kafka/v3/clusters`; the answer's text when there is none. */
export const findClusterId = async (
  target: IngestTarget,
): Promise<{ readonly clusterId: string } | { readonly missing: string }> => {
  const response = await fetch(`${target.baseUrl}/kafka/v3/clusters`, {
    headers: { authorization: target.authorization },
  });
  const text = await response.text();
  if (!response.ok)
    return { missing: `GET /kafka/v3/clusters answered ${response.status} ${text.slice(0, 200)}` };
  const answer = JSON.parse(text) as { data?: { cluster_id?: unknown }[] };
  const clusterId = answer.data?.[0]?.cluster_id;
  return typeof clusterId === 'string'
    ? { clusterId }
    : { missing: `GET /kafka/v3/clusters answered no cluster_id: ${text.slice(0, 200)}` };
};
