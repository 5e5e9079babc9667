import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@omnistream/observability';
import { testDatabaseConfigs } from '@omnistream/testing';
import { createApiKey } from '@omnistream/produce-proxy';
import type { IncomingMessage } from '@omnistream/messaging';
import { parseConfig } from './config/parse-config.js';
import { createServer, type Server } from './create-server.js';

const EMAIL = 'jane.doe@example.com';
const PHONE = '+447700900123';
const CARD = '4111111111111111';

const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    saleId: { type: 'string' },
    amount: { type: 'integer', minimum: 0 },
    email: { type: 'string', 'x-omnistream-sensitive': 'email' },
    phone: { type: 'string', 'x-omnistream-sensitive': 'phone' },
    card: { type: 'string' },
  },
  required: ['saleId', 'amount'],
  additionalProperties: false,
};
const sale = (saleId: string, extra: object = {}) => ({
  saleId,
  amount: 1250,
  email: EMAIL,
  phone: PHONE,
  ...extra,
});

/**
 * The REST proxy as an existing Confluent client drives it: over HTTP with Basic auth, v2 and v3 bodies and content
 * types, then what reached the bus, event history, the logs and the token vault.
 */
/** The suite, on the bus `bus()` configures (a fresh namespace per run on a shared broker). */
export const describeProduceProxy = (
  busName: string,
  bus: () => Record<string, unknown> | undefined,
  databases = testDatabaseConfigs(),
): void =>
  describe.each(databases)(`the REST proxy through the server on $name, ${busName} bus`, (shape) => {
    let server: Server;
    let drop: () => Promise<void>;
    let url: string;
    let valueSchemaId: number;
    const logs: string[] = [];
    const keys: Record<string, { key: string; secret: string }> = {};
    const basic = (who: string, secret?: string) =>
      `Basic ${Buffer.from(`${keys[who]!.key}:${secret ?? keys[who]!.secret}`).toString('base64')}`;

    beforeAll(async () => {
      const database = await shape.create();
      const busConfig = bus();
      drop = database.drop;
      const destination = new Writable({
        write(chunk: Buffer, _encoding, done) {
          logs.push(chunk.toString());
          done();
        },
      });
      server = await createServer(
        parseConfig({
          database: database.config,
          ...(busConfig === undefined ? {} : { bus: busConfig }),
          hub: {
            tokenization: {
              masterKeyHex: randomBytes(32).toString('hex'),
              policies: { 'fraud-desk': { email: 'reveal', phone: 'mask', default: 'redact' } },
            },
          },
        }),
        { logger: createLogger({ level: 'debug', destination }) },
      );
      await server.app.listen({ host: '127.0.0.1', port: 0 });
      url = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
      const registered = await fetch(`${url}/schema-registry/subjects/pos.sale-value/versions`, {
        method: 'POST',
        headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
        body: JSON.stringify({ schemaType: 'JSON', schema: JSON.stringify(schema) }),
      });
      valueSchemaId = ((await registered.json()) as { id: number }).id;
      for (const name of ['pos.sale', 'pos.refund']) {
        const put = await fetch(`${url}/hub/topics/${name}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            owner: 'stores',
            subject: 'pos.sale-value',
            partitions: 3,
            sensitiveFields: { '$.card': 'pan' },
          }),
        });
        expect(put.status, await put.text()).toBe(201);
      }
      keys.till = await createApiKey(server.database, { name: 'till', produce: ['pos.sale'], consume: [] });
      keys.slow = await createApiKey(server.database, {
        name: 'slow',
        produce: ['pos.*'],
        consume: [],
        requestsPerSecond: 2,
      });
      keys.fraud = await createApiKey(server.database, {
        name: 'fraud-desk',
        produce: [],
        consume: ['pos.*'],
      });
      keys.nosy = await createApiKey(server.database, { name: 'nosy', produce: [], consume: ['pos.*'] });
    });
    afterAll(async () => {
      await server?.close();
      await drop?.();
    });

    const post = (path: string, body: unknown, headers: Record<string, string> = {}, who = 'till') =>
      fetch(`${url}/kafka${path}`, {
        method: 'POST',
        headers: {
          authorization: basic(who),
          'content-type': 'application/vnd.kafka.json.v2+json',
          ...headers,
        },
        body: JSON.stringify(body),
      });

    /** Every message on a topic, read by a consumer group of its own. */
    const messagesOn = async (
      topic: string,
      atLeast: number,
      until: (seen: readonly IncomingMessage[]) => boolean = (seen) => seen.length >= atLeast,
    ): Promise<IncomingMessage[]> => {
      const seen: IncomingMessage[] = [];
      const consumer = await server.bus.consume({
        group: `test-${randomBytes(4).toString('hex')}`,
        topics: [topic],
        handle: (messages) => Promise.resolve(void seen.push(...messages)),
      });
      const deadline = Date.now() + 10_000;
      while (!until(seen) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 300)); // and nothing more arrives
      await consumer.stop();
      return seen;
    };

    it('refuses a wrong secret with 401/40101 and a topic outside the key with 403/40301', async () => {
      const wrong = await post(
        '/topics/pos.sale',
        { records: [{ value: sale('s-0') }] },
        { authorization: basic('till', 'nope') },
      );
      expect(wrong.status).toBe(401);
      expect(await wrong.json()).toMatchObject({ error_code: 40101 });
      const none = await fetch(`${url}/kafka/topics/pos.sale`, { method: 'POST', body: '{}' });
      expect(none.status).toBe(401);
      const forbidden = await post('/topics/pos.refund', { records: [{ value: sale('s-0') }] });
      expect(forbidden.status).toBe(403);
      expect(await forbidden.json()).toMatchObject({ error_code: 40301 });
      const unknown = await post(
        '/topics/pos.sale.unknown',
        { records: [{ value: sale('s-0') }] },
        {},
        'slow',
      );
      expect([404, 429]).toContain(unknown.status);
    });

    it('produces v2 JSON and JSON Schema records, tokenizing sensitive fields before anything leaves the proxy', async () => {
      const json = await post('/topics/pos.sale', {
        records: [{ key: 'till-1', value: sale('s-1', { card: CARD }) }, { value: sale('s-2') }],
      });
      expect(json.status).toBe(200);
      expect(json.headers.get('content-type')).toContain('application/vnd.kafka.v2+json');
      const answer = (await json.json()) as {
        offsets: { partition: number; offset: number; error_code: null }[];
      };
      expect(answer.offsets).toHaveLength(2);
      for (const o of answer.offsets)
        expect(o).toMatchObject({
          error_code: null,
          partition: expect.any(Number) as number,
          offset: expect.any(Number) as number,
        });

      const withSchema = await post(
        '/topics/pos.sale/partitions/2',
        { value_schema_id: valueSchemaId, records: [{ value: sale('s-3') }] },
        { 'content-type': 'application/vnd.kafka.jsonschema.v2+json' },
      );
      expect(withSchema.status, await withSchema.clone().text()).toBe(200);
      expect(await withSchema.json()).toMatchObject({
        value_schema_id: valueSchemaId,
        offsets: [{ partition: 2, error_code: null }],
      });

      const messages = await messagesOn('pos.sale', 3);
      const bySale = new Map(
        messages.map((m) => {
          const bytes = m.value[0] === 0 ? m.value.subarray(5) : m.value;
          return [(JSON.parse(new TextDecoder().decode(bytes)) as { saleId: string }).saleId, m];
        }),
      );
      const s1 = bySale.get('s-1')!;
      expect(s1.key).toBe('"till-1"'); // v2 JSON keys are their JSON text, as the REST Proxy writes them
      expect(s1.partition).toBe(answer.offsets[0]!.partition);
      expect(bySale.get('s-2')!.key).toBeNull();
      const s3 = bySale.get('s-3')!;
      expect(s3.value[0]).toBe(0); // the Confluent wire format, with the schema id
      expect(Buffer.from(s3.value.subarray(1, 5)).readUInt32BE(0)).toBe(valueSchemaId);
      expect(s3.partition).toBe(2);
      const value = JSON.parse(new TextDecoder().decode(s1.value)) as Record<string, string>;
      expect(value.email).not.toBe(EMAIL);
      expect(value.phone).not.toBe(PHONE);
      expect(value.card).toMatch(/^411111\d{6}1111$/); // format-preserving card token (the topic marks $.card as pan)
      expect(value.card).not.toBe(CARD);
      for (const m of messages) {
        const text = Buffer.from(m.value).toString('latin1');
        expect(text).not.toContain(EMAIL);
        expect(text).not.toContain(PHONE);
        expect(text).not.toContain(CARD);
        expect(m.headers['omnistream-hop']).toBe('proxy');
      }
    });

    it('refuses a v2 request with a schema violation as a whole (422/42203, the path named), publishing nothing', async () => {
      const before = (await messagesOn('pos.sale', 0)).length;
      const bad = await post('/topics/pos.sale', {
        records: [{ value: sale('s-4') }, { value: { saleId: 's-5', amount: -1 } }],
      });
      expect(bad.status).toBe(422);
      const body = (await bad.json()) as { error_code: number; message: string };
      expect(body.error_code).toBe(42203);
      expect(body.message).toContain('Record 1');
      expect(body.message).toContain('/amount');
      const missing = await post(
        '/topics/pos.sale',
        { records: [{ key: 'k', value: sale('s-6') }] },
        {
          'content-type': 'application/vnd.kafka.jsonschema.v2+json',
        },
      );
      expect(missing.status).toBe(422);
      expect(await missing.json()).toMatchObject({ error_code: 42202 });
      expect((await messagesOn('pos.sale', before)).length).toBe(before);
    });

    it('answers a duplicate batch (same Idempotency-Key) with the first answer and publishes nothing', async () => {
      const before = (await messagesOn('pos.sale', 0)).length;
      const batch = {
        records: [
          { key: 'till-9', value: sale('s-10') },
          { key: 'till-9', value: sale('s-11') },
        ],
      };
      const first = await post('/topics/pos.sale', batch, { 'idempotency-key': 'batch-1' });
      const again = await post('/topics/pos.sale', batch, { 'idempotency-key': 'batch-1' });
      expect(first.status).toBe(200);
      expect(await again.json()).toEqual(await first.json());
      const reused = await post(
        '/topics/pos.sale',
        { records: [{ value: sale('s-12') }] },
        { 'idempotency-key': 'batch-1' },
      );
      expect(reused.status).toBe(422);
      expect((await messagesOn('pos.sale', before + 2)).length).toBe(before + 2);
    });

    it('serves v3: the cluster, one record, records:batch with per-entry errors and keys, and streaming mode', async () => {
      const clusters = await fetch(`${url}/kafka/v3/clusters`, {
        headers: { authorization: basic('till') },
      });
      const clusterId = ((await clusters.json()) as { data: { cluster_id: string }[] }).data[0]!.cluster_id;
      const records = `/v3/clusters/${clusterId}/topics/pos.sale/records`;
      const json = { 'content-type': 'application/json' };
      const one = await post(
        records,
        { key: { type: 'STRING', data: 'till-3' }, value: { type: 'JSON', data: sale('s-20') } },
        json,
      );
      expect(one.status).toBe(200);
      expect(await one.json()).toMatchObject({
        error_code: 200,
        cluster_id: clusterId,
        topic_name: 'pos.sale',
        partition_id: expect.any(Number) as number,
        offset: expect.any(Number) as number,
        key: { type: 'STRING', size: 6 },
        value: { type: 'JSON' },
      });
      const schemaOne = await post(
        records,
        { value: { schema_id: valueSchemaId, data: sale('s-21') } },
        json,
      );
      expect(await schemaOne.json()).toMatchObject({
        value: {
          type: 'JSONSCHEMA',
          schema_id: valueSchemaId,
          subject: 'pos.sale-value',
          schema_version: 1,
        },
      });
      const badOne = await post(records, { value: { data: { saleId: 1 } } }, json);
      expect(badOne.status).toBe(422);
      expect(await badOne.json()).toMatchObject({ error_code: 42203 });
      const wrongCluster = await post(
        '/v3/clusters/elsewhere/topics/pos.sale/records',
        { value: { data: sale('x') } },
        json,
      );
      expect(wrongCluster.status).toBe(404);

      const header = (name: string, value: string) => ({
        name,
        value: Buffer.from(value).toString('base64'),
      });
      const entries = [
        { id: 'a', value: { data: sale('s-22') }, headers: [header('idempotency-key', 'rec-a')] },
        { id: 'b', value: { data: { saleId: 's-23' } } },
        { id: 'c', partition_id: 9, value: { data: sale('s-24') } },
        { id: 'd', value: { data: sale('s-25') } },
      ];
      const batch = await post(`${records}:batch`, { entries }, json);
      expect(batch.status).toBe(207);
      const result = (await batch.json()) as {
        successes: { id: string; error_code: number }[];
        failures: { id: string; error_code: number }[];
      };
      expect(result.successes.map((s) => s.id).sort()).toEqual(['a', 'd']);
      expect(Object.fromEntries(result.failures.map((f) => [f.id, f.error_code]))).toEqual({
        b: 42203,
        c: 40402,
      });
      const replay = await post(`${records}:batch`, { entries: [entries[0]] }, json);
      const replayed = (await replay.json()) as { successes: { id: string; offset: number }[] };
      expect(replayed.successes[0]!.offset).toBe(
        (result.successes.find((s) => s.id === 'a') as unknown as { offset: number }).offset,
      );
      const dup = await post(`${records}:batch`, { entries: [entries[0], entries[0]] }, json);
      expect(dup.status).toBe(422);
      expect(await dup.json()).toMatchObject({ error_code: 42208 });
      const empty = await post(`${records}:batch`, { entries: [] }, json);
      expect(await empty.json()).toMatchObject({ error_code: 42208 });

      // Streaming: a chunked body of concatenated records, one report back per record, in order.
      const chunks = [
        JSON.stringify({ value: { data: sale('s-30') } }),
        JSON.stringify({ value: { data: { saleId: 's-31' } } }) + '\n',
        JSON.stringify({ key: { data: 'k' }, value: { data: sale('s-32') } }),
      ];
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          for (const chunk of chunks) {
            controller.enqueue(new TextEncoder().encode(chunk.slice(0, 10)));
            await new Promise((r) => setTimeout(r, 5));
            controller.enqueue(new TextEncoder().encode(chunk.slice(10)));
          }
          controller.close();
        },
      });
      const streamed = await fetch(`${url}/kafka${records}`, {
        method: 'POST',
        headers: { authorization: basic('till'), 'content-type': 'application/json' },
        body,
        duplex: 'half',
      });
      const reports = (await streamed.text())
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { error_code: number });
      expect(reports.map((r) => r.error_code)).toEqual([200, 42203, 200]);
    });

    it('refuses a v3 record over 1 MiB with 413, publishing nothing', async () => {
      const huge = await post(
        '/v3/clusters/omnistream/topics/pos.sale/records',
        { value: { data: sale('s-huge', { card: 'x'.repeat(1024 * 1024) }) } },
        { 'content-type': 'application/json' },
      );
      expect(huge.status).toBe(413);
      expect(await huge.json()).toMatchObject({ error_code: 413 });
    });

    it('throttles a key over its rate with 429/42901 and Retry-After', async () => {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 6; i += 1) {
        const answer = await post('/topics/pos.refund', { records: [{ value: sale(`r-${i}`) }] }, {}, 'slow');
        statuses.push(answer.status);
        if (answer.status === 429) {
          expect(await answer.json()).toMatchObject({ error_code: 42901 });
          retryAfter = answer.headers.get('retry-after');
        }
      }
      expect(statuses).toContain(429);
      expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    });

    it('indexes proxied records in event history with tokens only, and never logs personal data', async () => {
      let found: { events: { payload: Record<string, unknown> | null; topic: string }[] } = { events: [] };
      const deadline = Date.now() + 15_000;
      while (found.events.length === 0 && Date.now() < deadline) {
        const search = await fetch(
          `${url}/hub/events?topic=pos.sale&field=${encodeURIComponent('saleId="s-1"')}`,
        );
        expect(search.status).toBe(200);
        found = (await search.json()) as typeof found;
        if (found.events.length === 0) await new Promise((r) => setTimeout(r, 100));
      }
      expect(found.events).toHaveLength(1);
      const history = JSON.stringify(
        await (await fetch(`${url}/hub/events?topic=pos.sale&limit=500`)).json(),
      );
      expect(history).toContain('s-1');
      for (const secret of [EMAIL, PHONE, CARD]) {
        expect(history).not.toContain(secret);
        expect(logs.join('')).not.toContain(secret);
      }
      expect(logs.length).toBeGreaterThan(0);
    });

    it('detokenizes by policy (403 without one, every reveal audited) and crypto-shreds a subject (410 after)', async () => {
      const [message] = (
        await messagesOn('pos.sale', 1, (seen) => seen.some((m) => m.key === '"till-1"'))
      ).filter((m) => m.key === '"till-1"');
      const value = JSON.parse(new TextDecoder().decode(message!.value)) as Record<string, string>;
      const detokenize = (token: string, who: string) =>
        fetch(`${url}/hub/tokens/detokenize`, {
          method: 'POST',
          headers: { authorization: basic(who), 'content-type': 'application/json' },
          body: JSON.stringify({ token }),
        });
      expect((await detokenize(value.email!, 'nosy')).status).toBe(403);
      const revealed = await detokenize(value.email!, 'fraud');
      expect(await revealed.json()).toEqual({ value: EMAIL });
      const masked = (await (await detokenize(value.phone!, 'fraud')).json()) as { value: string };
      expect(masked.value).not.toBe(PHONE);
      expect(masked.value.endsWith(PHONE.slice(-2))).toBe(true);
      const audit = await server.database.query<{ consumer: string; policy: string }>(
        'select consumer, policy from omnistream.token_reveals where token = $1',
        [value.email],
      );
      expect(audit).toEqual([{ consumer: 'fraud-desk', policy: 'reveal' }]);
      // The record's key is its data subject (no data-subject header): erase it, and its tokens are gone for good.
      const erase = await fetch(`${url}/hub/subjects/${encodeURIComponent('"till-1"')}`, {
        method: 'DELETE',
        headers: { authorization: basic('fraud') },
      });
      expect(erase.status).toBe(204);
      const after = await detokenize(value.email!, 'fraud');
      expect(after.status).toBe(410);
      expect(await after.json()).toMatchObject({ code: 'SUBJECT_ERASED' });
    });
  });
