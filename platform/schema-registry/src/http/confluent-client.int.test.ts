import type { AddressInfo } from 'node:net';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformMigrations } from '@omnistream/event-store';
import { createHttpApp, type HttpApp } from '@omnistream/http';
import { createLogger } from '@omnistream/observability';
import { testDatabases, type OpenedTestDatabase } from '@omnistream/testing';
import { createSchemaRegistry } from '../registry/create-schema-registry.js';
import { schemaRegistrySchema } from '../registry/registry-schema.js';
import { decodeWireFormat, encodeWireFormat } from '../wire-format/wire-format.js';
import { schemaRegistryPlugin } from './schema-registry-plugin.js';

const v1 = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: { orderId: { type: 'string' }, total: { type: 'integer' } },
  required: ['orderId'],
  additionalProperties: false,
};

/** The published Node client, unchanged, against a listening server: the test that existing clients work. */
describe.each(testDatabases())('the @kafkajs/confluent-schema-registry client on $name', (target) => {
  let opened: OpenedTestDatabase;
  let app: HttpApp;
  let host: string;
  // Our schemas are draft 2020-12; the client compiles them with the Ajv it is given. It only calls addSchema and
  // compile, which it types against its own (older) Ajv: hence the structural view of ours.
  const ajv = new Ajv2020();
  const ajvInstance = {
    addSchema: (schema: object, key?: string) => {
      ajv.addSchema(schema, key);
      return ajvInstance;
    },
    compile: (schema: object) => ajv.compile(schema),
  };
  const client = () =>
    new SchemaRegistry(
      { host, retry: { retries: 0 } },
      { [SchemaType.JSON]: { ajvInstance: ajvInstance as never } },
    );
  const subject = 'orders.order-OrderPlaced';

  beforeAll(async () => {
    opened = await target.open({ migrations: [...platformMigrations, schemaRegistrySchema] });
    app = await createHttpApp({ logger: createLogger({ level: 'silent' }) });
    await app.register(schemaRegistryPlugin, {
      prefix: '/schema-registry',
      registry: createSchemaRegistry(opened.db),
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    host = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/schema-registry`;
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  it('registers, registers again with the same id, and is refused an incompatible change with 409', async () => {
    const registry = client();
    const { id } = await registry.register(
      { type: SchemaType.JSON, schema: JSON.stringify(v1) },
      { subject },
    );
    expect(id).toBeGreaterThan(0);
    // The client's handshake: GET /config/{s} answered 404, so it set the level after registering.
    const config = await fetch(`${host}/config/${subject}`);
    expect(await config.json()).toEqual({ compatibilityLevel: 'BACKWARD' });

    const again = await client().register({ type: SchemaType.JSON, schema: JSON.stringify(v1) }, { subject });
    expect(again.id).toBe(id);

    const narrowed = { ...v1, properties: { ...v1.properties, total: { type: 'integer', minimum: 0 } } };
    const refusal = client().register(
      { type: SchemaType.JSON, schema: JSON.stringify(narrowed) },
      { subject },
    );
    await expect(refusal).rejects.toMatchObject({ status: 409 });
    await expect(refusal).rejects.toThrow(/#\/properties\/total: minimum tightened from none to 0/);

    expect(await client().getLatestSchemaId(subject)).toBe(id);
    expect(
      await client().getRegistryIdBySchema(subject, { type: SchemaType.JSON, schema: JSON.stringify(v1) }),
    ).toBe(id);
  });

  it('encodes and decodes in the wire format our own codec reads and writes', async () => {
    const { id } = await client().register(
      { type: SchemaType.JSON, schema: JSON.stringify(v1) },
      { subject },
    );
    const order = { orderId: 'o-1', total: 1250 };

    const encoded = await client().encode(id, order);
    expect(decodeWireFormat(encoded).schema).toEqual({ id });
    expect(await client().decode(encoded)).toEqual(order);

    const ours = Buffer.from(encodeWireFormat(id, new TextEncoder().encode(JSON.stringify(order))));
    expect(await client().decode(ours)).toEqual(order);

    await expect(client().encode(id, { orderId: 7 })).rejects.toThrow(/invalid payload/);
  });
});
