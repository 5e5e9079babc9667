import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@omnistream/observability';
import { testDatabaseConfigs } from '@omnistream/testing';
import { parseConfig } from './config/parse-config.js';
import { createServer, type Server } from './create-server.js';

const schema = {
  type: 'object',
  properties: {
    saleId: { type: 'string' },
    email: { type: 'string', 'x-omnistream-sensitive': 'email' },
  },
  required: ['saleId'],
};

describe.each(testDatabaseConfigs())('the hub topic registry through the server on $name', (shape) => {
  let server: Server;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const database = await shape.create();
    drop = database.drop;
    server = await createServer(parseConfig({ database: database.config }), {
      logger: createLogger({ level: 'silent' }),
    });
  });
  afterAll(async () => {
    await server?.close();
    await drop?.();
  });

  const put = (name: string, body: object, ifMatch?: string) =>
    server.app.inject({
      method: 'PUT',
      url: `/hub/topics/${name}`,
      payload: body,
      ...(ifMatch === undefined ? {} : { headers: { 'if-match': ifMatch } }),
    });
  const spec = {
    owner: 'stores-team',
    subject: 'pos.sale-value',
    partitions: 3,
    sensitiveFields: { '$.email': 'email' },
  };

  it('registers a topic whose subject is in the schema registry, creates it on the bus, and reads it back', async () => {
    const early = await put('pos.sale', spec);
    expect(early.statusCode).toBe(404);
    expect(early.json()).toMatchObject({ code: 'SCHEMA_SUBJECT_NOT_FOUND' });
    const registered = await server.app.inject({
      method: 'POST',
      url: '/schema-registry/subjects/pos.sale-value/versions',
      payload: { schemaType: 'JSON', schema: JSON.stringify(schema) },
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    });
    expect(registered.statusCode, registered.body).toBe(200);
    const created = await put('pos.sale', spec, '"0"');
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.json()).toMatchObject({
      name: 'pos.sale',
      owner: 'stores-team',
      partitions: 3,
      version: 1,
    });
    const read = await server.app.inject({ method: 'GET', url: '/hub/topics/pos.sale' });
    expect(read.json()).toMatchObject({ sensitiveFields: { '$.email': 'email' }, retentionMs: null });
    // On the bus: a message to it goes through (an unknown topic would be refused).
    await server.bus.publish([{ topic: 'pos.sale', key: 's-1', value: new Uint8Array([1]), headers: {} }]);
    const list = await server.app.inject({ method: 'GET', url: '/hub/topics' });
    expect(list.json<{ topics: { name: string }[] }>().topics.map((t) => t.name)).toContain('pos.sale');
  });

  it('changes a topic under If-Match, never shrinks its partitions, and refuses bad names and bodies with 4xx', async () => {
    const changed = await put('pos.sale', { ...spec, partitions: 4, owner: 'retail-integration' }, '"1"');
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ version: 2, partitions: 4 });
    expect((await put('pos.sale', spec, '"1"')).json()).toMatchObject({ code: 'TOPIC_VERSION_CONFLICT' });
    const shrink = await put('pos.sale', { ...spec, partitions: 2 });
    expect(shrink.statusCode).toBe(400);
    expect(shrink.json()).toMatchObject({ code: 'INVALID_PARTITIONS' });
    expect((await put('bad name', spec)).statusCode).toBe(400);
    expect((await put('pos.x', { ...spec, partitions: 0 })).statusCode).toBe(400);
    expect((await put('pos.x', { ...spec, sensitiveFields: { email: 'email' } })).statusCode).toBe(400);
    expect((await server.app.inject({ method: 'GET', url: '/hub/topics/pos.nothing' })).json()).toMatchObject(
      {
        code: 'TOPIC_NOT_FOUND',
      },
    );
  });
});
