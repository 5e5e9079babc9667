import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformMigrations } from '@omnistream/event-store';
import { createHttpApp, type HttpApp } from '@omnistream/http';
import { createLogger } from '@omnistream/observability';
import { testDatabases, type OpenedTestDatabase } from '@omnistream/testing';
import { canonicalJson as canonical } from '@omnistream/kernel';
import { createSchemaRegistry } from '../registry/create-schema-registry.js';
import { schemaRegistrySchema } from '../registry/registry-schema.js';
import { schemaRegistryPlugin } from './schema-registry-plugin.js';

const anyString = expect.any(String) as unknown;
const anyNumber = expect.any(Number) as unknown;
const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

const order = (extra: Record<string, unknown> = {}) => ({
  type: 'object',
  properties: { orderId: { type: 'string' }, total: { type: 'integer' }, ...extra },
  required: ['orderId'],
  additionalProperties: false,
});
/** `schemaType: null` leaves it out, which Confluent reads as AVRO. */
const body = (schema: unknown, schemaType: string | null = 'JSON') => ({
  schema: JSON.stringify(schema),
  ...(schemaType === null ? {} : { schemaType }),
});

describe.each(testDatabases())('schema registry REST API on $name', (target) => {
  let opened: OpenedTestDatabase;
  let app: HttpApp;
  let subjectCount = 0;
  const freshSubject = () => `orders.order-Test${(subjectCount += 1)}`;

  const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) => {
    const response = await app.inject({
      method,
      url: `/schema-registry${url}`,
      ...(payload === undefined
        ? {}
        : { payload: JSON.stringify(payload), headers: { 'content-type': CONTENT_TYPE } }),
    });
    return {
      status: response.statusCode,
      type: response.headers['content-type'],
      body: response.json<unknown>(),
    };
  };
  const register = (subject: string, schema: unknown) =>
    call('POST', `/subjects/${subject}/versions`, body(schema));
  const expectError = (answer: { status: number; body: unknown }, status: number, errorCode: number) => {
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ error_code: errorCode, message: anyString });
  };

  beforeAll(async () => {
    opened = await target.open({ migrations: [...platformMigrations, schemaRegistrySchema] });
    app = await createHttpApp({ logger: createLogger({ level: 'silent' }) });
    await app.register(schemaRegistryPlugin, {
      prefix: '/schema-registry',
      registry: createSchemaRegistry(opened.db),
    });
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  it('registers a schema, answers in the registry content type, and gives the same id to the same schema', async () => {
    const subject = freshSubject();
    const first = await register(subject, order());
    expect(first.status).toBe(200);
    expect(first.type).toMatch(/^application\/vnd\.schemaregistry\.v1\+json/);
    expect(first.body).toEqual({ id: anyNumber });
    const reformatted = await call('POST', `/subjects/${subject}/versions`, {
      schema: JSON.stringify(order(), null, 2),
      schemaType: 'JSON',
    });
    expect(reformatted.body).toEqual(first.body);
    expect((await call('GET', `/subjects/${subject}/versions`)).body).toEqual([1]);
    const other = freshSubject();
    expect((await register(other, order())).body).toEqual(first.body);
  });

  it('accepts every content type Confluent clients send', async () => {
    for (const type of [
      'application/vnd.schemaregistry.v1+json',
      'application/vnd.schemaregistry+json',
      'application/json',
    ]) {
      const response = await app.inject({
        method: 'POST',
        url: `/schema-registry/subjects/${freshSubject()}/versions`,
        payload: JSON.stringify(body(order())),
        headers: { 'content-type': type },
      });
      expect(response.statusCode).toBe(200);
    }
  });

  it('reads versions by number and as latest, and lists subjects', async () => {
    const subject = freshSubject();
    const { body: v1 } = await register(subject, order());
    const { body: v2 } = await register(subject, order({ note: { type: 'string' } }));
    const latest = await call('GET', `/subjects/${subject}/versions/latest`);
    expect(latest.body).toEqual({
      subject,
      id: (v2 as { id: number }).id,
      version: 2,
      schema: canonical(order({ note: { type: 'string' } })),
      schemaType: 'JSON',
    });
    expect((await call('GET', `/subjects/${subject}/versions/1`)).body).toMatchObject({
      id: (v1 as { id: number }).id,
      version: 1,
    });
    expect(
      JSON.parse(((await call('GET', `/subjects/${subject}/versions/1`)).body as { schema: string }).schema),
    ).toEqual(order());
    expect((await call('GET', '/subjects')).body).toContain(subject);
    const byId = await call('GET', `/schemas/ids/${(v1 as { id: number }).id}`);
    expect(byId.body).toEqual({ schema: anyString, schemaType: 'JSON' });
  });

  it('answers 40401 for an unknown subject, 40402 for an unknown version and 42202 for a bad one', async () => {
    expectError(await call('GET', '/subjects/nobody/versions'), 404, 40401);
    expectError(await call('GET', '/subjects/nobody/versions/1'), 404, 40401);
    const subject = freshSubject();
    await register(subject, order());
    expectError(await call('GET', `/subjects/${subject}/versions/7`), 404, 40402);
    for (const bad of ['0', 'x', '-2', '99999999999'])
      expectError(await call('GET', `/subjects/${subject}/versions/${bad}`), 422, 42202);
  });

  it('looks a schema up in a subject: 40401 unknown subject, 40403 schema not in it', async () => {
    const subject = freshSubject();
    const { body: registered } = await register(subject, order());
    expect((await call('POST', `/subjects/${subject}`, body(order()))).body).toMatchObject({
      subject,
      id: (registered as { id: number }).id,
      version: 1,
      schemaType: 'JSON',
    });
    expectError(await call('POST', '/subjects/nobody', body(order())), 404, 40401);
    expectError(await call('POST', `/subjects/${subject}`, body({ type: 'string' })), 404, 40403);
    expectError(await call('GET', '/schemas/ids/987654'), 404, 40403);
  });

  it('refuses invalid schemas, references and other schema types with 42201, and lists only JSON', async () => {
    const subject = freshSubject();
    expectError(
      await call('POST', `/subjects/${subject}/versions`, { schema: '{not json', schemaType: 'JSON' }),
      422,
      42201,
    );
    expectError(await register(subject, { type: 'no-such-type' }), 422, 42201);
    expectError(
      await call('POST', `/subjects/${subject}/versions`, body({ type: 'string' }, null)),
      422,
      42201,
    );
    expectError(
      await call('POST', `/subjects/${subject}/versions`, body({ type: 'string' }, 'PROTOBUF')),
      422,
      42201,
    );
    expectError(
      await call('POST', `/subjects/${subject}/versions`, {
        ...body({}),
        references: [{ name: 'a', subject: 'b', version: 1 }],
      }),
      422,
      42201,
    );
    const avro = await call('POST', `/subjects/${subject}/versions`, body({ type: 'record' }, 'AVRO'));
    expect((avro.body as { message: string }).message).toMatch(/not supported yet/);
    expect((await call('GET', '/schemas/types')).body).toEqual(['JSON']);
  });

  it('refuses an incompatible schema with 409 and a message naming the path', async () => {
    const subject = freshSubject();
    await register(subject, order());
    const refused = await register(subject, order({ total: { type: 'string' } }));
    expectError(refused, 409, 409);
    expect((refused.body as { message: string }).message).toContain(
      '#/properties/total: type narrowed from "integer" to "string"',
    );
    expect((await call('GET', `/subjects/${subject}/versions`)).body).toEqual([1]);
  });

  it('tests compatibility without registering, with messages when incompatible', async () => {
    const subject = freshSubject();
    await register(subject, order());
    expect(
      (await call('POST', `/compatibility/subjects/${subject}/versions/latest`, body(order({ note: {} }))))
        .body,
    ).toEqual({
      is_compatible: true,
    });
    expect(
      (await call('POST', `/compatibility/subjects/${subject}/versions/1?verbose=true`, body(order()))).body,
    ).toEqual({
      is_compatible: true,
      messages: [],
    });
    expect(
      (
        await call(
          'POST',
          `/compatibility/subjects/${subject}/versions`,
          body({ ...order(), required: ['orderId', 'total'] }),
        )
      ).body,
    ).toEqual({ is_compatible: false, messages: ['#: property "total" added to required'] });
    expectError(
      await call('POST', `/compatibility/subjects/${subject}/versions/9`, body(order())),
      404,
      40402,
    );
    expectError(
      await call('POST', '/compatibility/subjects/nobody/versions/latest', body(order())),
      404,
      40401,
    );
  });

  it('keeps a subject level apart from the global one: 40408 unless defaultToGlobal, 42203 for a bad level', async () => {
    const subject = freshSubject();
    expect((await call('GET', '/config')).body).toEqual({ compatibilityLevel: 'BACKWARD' });
    expectError(await call('GET', `/config/${subject}`), 404, 40408);
    expect((await call('GET', `/config/${subject}?defaultToGlobal=true`)).body).toEqual({
      compatibilityLevel: 'BACKWARD',
    });
    expect((await call('PUT', `/config/${subject}`, { compatibility: 'full_transitive' })).body).toEqual({
      compatibility: 'FULL_TRANSITIVE',
    });
    expect((await call('GET', `/config/${subject}`)).body).toEqual({ compatibilityLevel: 'FULL_TRANSITIVE' });
    expectError(await call('PUT', `/config/${subject}`, { compatibility: 'SIDEWAYS' }), 422, 42203);
    expectError(await call('PUT', '/config', {}), 422, 42203);
    expect((await call('DELETE', `/config/${subject}`)).body).toEqual({
      compatibilityLevel: 'FULL_TRANSITIVE',
    });
    expectError(await call('DELETE', `/config/${subject}`), 404, 40408);
  });

  it('uses the global level for subjects without their own', async () => {
    const subject = freshSubject();
    expect((await call('PUT', '/config', { compatibility: 'NONE' })).body).toEqual({ compatibility: 'NONE' });
    try {
      await register(subject, order());
      expect((await register(subject, { type: 'string' })).status).toBe(200);
    } finally {
      await call('PUT', '/config', { compatibility: 'BACKWARD' });
    }
  });

  it('soft deletes, then permanently deletes, with 40404 to 40407 on the wrong step', async () => {
    const subject = freshSubject();
    await register(subject, order());
    await register(subject, order({ note: { type: 'string' } }));
    expectError(await call('DELETE', `/subjects/${subject}/versions/1?permanent=true`), 404, 40407);
    expect((await call('DELETE', `/subjects/${subject}/versions/1`)).body).toBe(1);
    expectError(await call('DELETE', `/subjects/${subject}/versions/1`), 404, 40406);
    expect((await call('GET', `/subjects/${subject}/versions`)).body).toEqual([2]);
    expect((await call('GET', `/subjects/${subject}/versions?deleted=true`)).body).toEqual([1, 2]);
    expectError(await call('GET', `/subjects/${subject}/versions/1`), 404, 40402);
    expect((await call('GET', `/subjects/${subject}/versions/1?deleted=true`)).body).toMatchObject({
      version: 1,
    });
    expect((await call('DELETE', `/subjects/${subject}/versions/1?permanent=true`)).body).toBe(1);

    expectError(await call('DELETE', `/subjects/${subject}?permanent=true`), 404, 40405);
    expect((await call('DELETE', `/subjects/${subject}`)).body).toEqual([2]);
    expectError(await call('DELETE', `/subjects/${subject}`), 404, 40404);
    expect((await call('GET', '/subjects')).body).not.toContain(subject);
    expect((await call('GET', '/subjects?deleted=true')).body).toContain(subject);
    expect((await call('DELETE', `/subjects/${subject}?permanent=true`)).body).toEqual([2]);
    expectError(await call('DELETE', `/subjects/${subject}`), 404, 40401);
    expectError(await call('DELETE', `/subjects/${subject}/versions/1`), 404, 40401);
  });

  it('registers again after a soft delete as a new version with the same id', async () => {
    const subject = freshSubject();
    const { body: first } = await register(subject, order());
    await call('DELETE', `/subjects/${subject}`);
    expect((await register(subject, order())).body).toEqual(first);
    expect((await call('GET', `/subjects/${subject}/versions`)).body).toEqual([2]);
  });

  it('gives one version to concurrent registrations of the same schema', async () => {
    const subject = freshSubject();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => register(subject, order({ race: { type: 'string' } }))),
    );
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect((await call('GET', `/subjects/${subject}/versions`)).body).toEqual([1]);
  });

  it('answers Confluent-style errors for unknown routes and bad bodies, not problem+json', async () => {
    const missing = await call('GET', '/no/such/route');
    expectError(missing, 404, 404);
    expect(missing.type).toMatch(/^application\/vnd\.schemaregistry\.v1\+json/);
    const garbled = await app.inject({
      method: 'POST',
      url: `/schema-registry/subjects/${freshSubject()}/versions`,
      payload: '{"schema": ',
      headers: { 'content-type': CONTENT_TYPE },
    });
    expect(garbled.statusCode).toBe(400);
    expect(garbled.json()).toMatchObject({ error_code: 400 });
  });
});
