import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInProcessBus, type Bus } from '@omnistream/messaging';
import { topicsCli } from '@omnistream/produce-proxy';
import { createSchemaRegistry } from '@omnistream/schema-registry';
import { testDatabases, type OpenedTestDatabase } from '@omnistream/testing';
import { operatorTopicRegistry } from './run-topics.js';
import { serverMigrations } from './server-migrations.js';

const schema = JSON.stringify({
  type: 'object',
  properties: { saleId: { type: 'string' }, email: { type: 'string' } },
  required: ['saleId'],
});

describe.each(testDatabases())('omnistream topics on $name', (database) => {
  let opened: OpenedTestDatabase;
  let buses: Bus[];
  let topics: ReturnType<typeof operatorTopicRegistry>;
  beforeEach(async () => {
    opened = await database.open({ migrations: serverMigrations });
    buses = [];
    topics = operatorTopicRegistry(
      opened.db,
      () => {
        const bus = createInProcessBus(opened.db);
        buses.push(bus);
        return Promise.resolve(bus);
      },
      1,
    );
  });
  afterEach(async () => {
    await topics.close();
    await opened.close();
  });

  const run = async (...args: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await topicsCli(args, {
      registry: topics.registry,
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
    });
    return { code, stdout, stderr, json: () => JSON.parse(stdout) as Record<string, unknown> };
  };
  const put = (name: string, ...more: string[]) =>
    run('put', name, '--owner', 'stores-team', '--subject', 'pos.sale-value', ...more);

  it('refuses a topic whose subject the schema registry does not know, and creates nothing', async () => {
    const refused = await put('pos.sale', '--partitions', '3');
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stderr)).toMatchObject({ code: 'SCHEMA_SUBJECT_NOT_FOUND' });
    expect(buses).toEqual([]); // no bus was opened for a refused put
    expect((await run('list')).json()).toEqual({ topics: [] });
  });

  it('puts, shows and lists a topic, created on the bus with its partitions', async () => {
    await createSchemaRegistry(opened.db).register('pos.sale-value', { schemaType: 'JSON', schema });
    const created = await put(
      'pos.sale',
      '--partitions',
      '3',
      '--retention-ms',
      '86400000',
      '--sensitive',
      '$.email=email',
      '--description',
      'Till sales',
      '--if-version',
      '0',
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.json()).toMatchObject({
      created: true,
      topic: {
        name: 'pos.sale',
        owner: 'stores-team',
        subject: 'pos.sale-value',
        partitions: 3,
        retentionMs: 86_400_000,
        sensitiveFields: { '$.email': 'email' },
        description: 'Till sales',
        version: 1,
      },
    });
    expect(buses).toHaveLength(1);
    expect(
      await opened.db.query(
        `select partitions, retention_ms::text as retention from omnistream.bus_topics where name = 'pos.sale'`,
      ),
    ).toEqual([{ partitions: 3, retention: '86400000' }]);

    const shown = await run('show', 'pos.sale');
    expect(shown.code).toBe(0);
    expect(shown.json()).toMatchObject({ name: 'pos.sale', version: 1, partitions: 3 });
    const listed = await run('list');
    expect((listed.json().topics as { name: string }[]).map((t) => t.name)).toEqual(['pos.sale']);

    const missing = await run('show', 'pos.nothing');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stderr)).toMatchObject({ code: 'TOPIC_NOT_FOUND' });
  });

  it('grows partitions but never shrinks them, and honours --if-version', async () => {
    await createSchemaRegistry(opened.db).register('pos.sale-value', { schemaType: 'JSON', schema });
    expect((await put('pos.sale', '--partitions', '3')).code).toBe(0);
    const shrink = await put('pos.sale', '--partitions', '2');
    expect(shrink.code).toBe(1);
    expect(JSON.parse(shrink.stderr)).toMatchObject({ code: 'INVALID_PARTITIONS' });
    const stale = await put('pos.sale', '--partitions', '4', '--if-version', '0');
    expect(stale.code).toBe(1);
    expect(JSON.parse(stale.stderr)).toMatchObject({ code: 'TOPIC_VERSION_CONFLICT' });
    const grown = await put('pos.sale', '--partitions', '4', '--if-version', '1');
    expect(grown.code).toBe(0);
    expect(grown.json()).toMatchObject({ created: false, topic: { partitions: 4, version: 2 } });
    expect((await run('show', 'pos.sale')).json()).toMatchObject({ partitions: 4, version: 2 });
  });

  it('answers 2 with the usage for bad input, before touching the registry', async () => {
    const bad = await put('pos.sale', '--partitions', '0');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^invalid topic spec: \/partitions/);
    expect(bad.stderr).toContain('Usage: omnistream topics');
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: omnistream topics');
  });
});
