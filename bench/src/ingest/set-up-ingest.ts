import type { Sql } from '@omnistream/event-store';
import { createApiKey } from '@omnistream/produce-proxy';
import { orderKeySchema, orderRecordSchema } from './order-record.js';
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
 * marked sensitive) under `<topic>-value`, a string key schema under `<topic>-key`, and the topic. The API key is
 * issued in-process against the server's database, as `omnistream api-keys create` would.
 */
export const setUpIngest = async (
  baseUrl: string,
  db: Sql,
  topic: string,
  partitions: number,
): Promise<IngestTarget> => {
  const subject = `${topic}-value`;
  const register = async (name: string, schema: object): Promise<number> => {
    const registered = (await call(
      'POST',
      `${baseUrl}/schema-registry/subjects/${encodeURIComponent(name)}/versions`,
      { schemaType: 'JSON', schema: JSON.stringify(schema) },
    )) as { id?: unknown };
    if (typeof registered.id !== 'number')
      throw new Error(`schema registration of ${name} answered ${JSON.stringify(registered)}`);
    return registered.id;
  };
  const schemaId = await register(subject, orderRecordSchema);
  // v2 schema formats refuse keyed records without a key schema (42201), as Confluent's REST Proxy does.
  const keySchemaId = await register(`${topic}-key`, orderKeySchema);
  await call('PUT', `${baseUrl}/hub/topics/${encodeURIComponent(topic)}`, {
    owner: 'bench',
    subject,
    partitions,
  });
  const key = await createApiKey(db, { name: 'bench-ingest', produce: [topic], consume: [] });
  return {
    baseUrl,
    topic,
    schemaId,
    keySchemaId,
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
