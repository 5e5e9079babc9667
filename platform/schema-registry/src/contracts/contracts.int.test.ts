import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEventStore, platformMigrations } from '@omnistream/event-store';
import { isDomainError } from '@omnistream/kernel';
import { testDatabases, type OpenedTestDatabase } from '@omnistream/testing';
import { createAppendValidator } from '../codec/create-append-validator.js';
import { createContractCatalog } from '../codec/contract-catalog.js';
import { createPublicEventCodec } from '../codec/create-public-event-codec.js';
import { createSchemaRegistry } from '../registry/create-schema-registry.js';
import { schemaRegistrySchema } from '../registry/registry-schema.js';
import { decodeWireFormat } from '../wire-format/wire-format.js';
import { contractFolder, orderPlacedV1 } from './contract-folder.fixture.js';
import { loadContracts } from './load-contracts.js';
import { registerContracts } from './register-contracts.js';

const caught = (work: () => unknown): unknown => {
  try {
    work();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('loadContracts', () => {
  const folders: { remove(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const folder of folders.splice(0)) await folder.remove();
  });
  const folder = async (files: Record<string, unknown>) => {
    const made = await contractFolder(files);
    folders.push(made);
    return made;
  };

  it('reads context, category, event type and version from the path, and names topic and subject', async () => {
    const { dir } = await folder({
      'orders/order/OrderPlaced.v1.schema.json': orderPlacedV1,
      'orders/order/OrderPlaced.v2.schema.json': orderPlacedV1,
      'orders/order/OrderPlaced.v1.ts': 'export {};',
      'README.md': '# contracts',
    });
    const contracts = await loadContracts(dir);
    expect(contracts.map(({ schema: _schema, ...rest }) => rest)).toEqual([
      {
        context: 'orders',
        category: 'order',
        topic: 'orders.order',
        eventType: 'OrderPlaced',
        version: 1,
        subject: 'orders.order-OrderPlaced',
        file: 'orders/order/OrderPlaced.v1.schema.json',
      },
      expect.objectContaining({ version: 2, subject: 'orders.order-OrderPlaced.v2' }) as unknown,
    ]);
  });

  it('refuses a misnamed file, a schema that is not 2020-12, and a category two contexts claim', async () => {
    const misnamed = await folder({ 'orders/order/order-placed.json': orderPlacedV1 });
    await expect(loadContracts(misnamed.dir)).rejects.toThrow(
      /order-placed\.json: expected <EventType>\.v<N>\.schema\.json/,
    );
    const draft7 = await folder({
      'orders/order/OrderPlaced.v1.schema.json': {
        ...orderPlacedV1,
        $schema: 'http://json-schema.org/draft-07/schema#',
      },
    });
    await expect(loadContracts(draft7.dir)).rejects.toThrow(/\$schema must be/);
    const shared = await folder({
      'orders/order/OrderPlaced.v1.schema.json': orderPlacedV1,
      'returns/order/OrderReturned.v1.schema.json': orderPlacedV1,
    });
    await expect(loadContracts(shared.dir)).rejects.toThrow(/already published by context "orders"/);
  });
});

describe.each(testDatabases())('public contracts on $name', (target) => {
  let opened: OpenedTestDatabase;
  let contracts: Awaited<ReturnType<typeof contractFolder>>;
  beforeAll(async () => {
    opened = await target.open({ migrations: [...platformMigrations, schemaRegistrySchema] });
    contracts = await contractFolder({ 'orders/order/OrderPlaced.v1.schema.json': orderPlacedV1 });
  });
  afterAll(async () => {
    await contracts.remove();
    await opened.close();
  });

  it('registers contracts idempotently, takes an additive change, and stops on a breaking one', async () => {
    const first = await registerContracts(
      createSchemaRegistry(opened.db),
      await loadContracts(contracts.dir),
    );
    const restarted = await registerContracts(
      createSchemaRegistry(opened.db),
      await loadContracts(contracts.dir),
    );
    expect(restarted.map((c) => c.schemaId)).toEqual(first.map((c) => c.schemaId));

    await contracts.write({
      'orders/order/OrderPlaced.v1.schema.json': {
        ...orderPlacedV1,
        properties: { ...orderPlacedV1.properties, note: { type: 'string' } },
      },
    });
    const additive = await registerContracts(
      createSchemaRegistry(opened.db),
      await loadContracts(contracts.dir),
    );
    expect(additive[0]?.schemaId).not.toBe(first[0]?.schemaId);
    expect(await createSchemaRegistry(opened.db).versions('orders.order-OrderPlaced')).toEqual([1, 2]);

    await contracts.write({
      'orders/order/OrderPlaced.v1.schema.json': { ...orderPlacedV1, required: ['orderId', 'lines', 'note'] },
    });
    await expect(
      registerContracts(createSchemaRegistry(opened.db), await loadContracts(contracts.dir)),
    ).rejects.toThrow(
      /OrderPlaced\.v1\.schema\.json cannot be registered as orders\.order-OrderPlaced: .*#: property "note" added to required.*\.v2/,
    );
    await contracts.write({ 'orders/order/OrderPlaced.v1.schema.json': orderPlacedV1 });
  });

  it('refuses a public event that does not fit its contract before anything is written', async () => {
    const baskets = await contractFolder({ 'sales/basket/BasketOpened.v1.schema.json': orderPlacedV1 });
    const registered = await registerContracts(
      createSchemaRegistry(opened.db),
      await loadContracts(baskets.dir),
    );
    await baskets.remove();
    const store = createEventStore(opened.db, {
      validate: createAppendValidator(createContractCatalog(registered)),
    });
    try {
      const bad = { orderId: 'o-1', lines: [{ sku: 'sku-1', quantity: 0 }] };
      await expect(store.append('basket-1', [{ type: 'BasketOpened', data: bad }])).rejects.toThrow(
        'sales.basket-BasketOpened: /lines/0/quantity must be >= 1 (minimum)',
      );
      expect(await store.streamVersion('basket-1')).toBe(0);
      await store.append('basket-1', [
        { type: 'BasketOpened', data: { orderId: 'o-1', lines: [{ sku: 's', quantity: 2 }] } },
      ]);
      await store.append('basket-1', [{ type: 'BasketNoted', data: { anything: true } }]);
      expect(await store.streamVersion('basket-1')).toBe(2);
    } finally {
      await store.close();
    }
  });
});

describe('append validator and public event codec', () => {
  const catalog = createContractCatalog([
    {
      context: 'orders',
      category: 'order',
      topic: 'orders.order',
      eventType: 'OrderPlaced',
      version: 1,
      subject: 'orders.order-OrderPlaced',
      schema: orderPlacedV1,
      file: 'orders/order/OrderPlaced.v1.schema.json',
      schemaId: 7,
    },
  ]);
  const validate = createAppendValidator(catalog);
  const codec = createPublicEventCodec(catalog);
  const placed = { orderId: 'o-1', lines: [{ sku: 'sku-1', quantity: 2 }] };
  const envelope = (data: unknown, type = 'OrderPlaced', schemaVersion?: number) => ({
    id: '0190a0b0-0000-7000-8000-000000000000',
    type,
    streamId: 'order-1',
    version: 1,
    data,
    metadata: schemaVersion === undefined ? {} : { schemaVersion },
    globalPosition: 1n,
    transactionId: 1n,
    recordedAt: '2025-01-01T00:00:00Z',
  });

  it('names the subject, the JSON path and the keyword of the first problem', () => {
    const error = caught(() =>
      validate('order-1', [
        { type: 'OrderPlaced', data: { orderId: 'o-1', lines: [{ sku: 1, quantity: 2 }] } },
      ]),
    );
    expect(isDomainError(error, 'SCHEMA_VALIDATION_FAILED')).toBe(true);
    expect((error as Error).message).toBe('orders.order-OrderPlaced: /lines/0/sku must be string (type)');
    expect(
      (caught(() => validate('order-1', [{ type: 'OrderPlaced', data: { ...placed, extra: 1 } }])) as Error)
        .message,
    ).toBe('orders.order-OrderPlaced: / must NOT have additional properties "extra" (additionalProperties)');
  });

  it('lets private events through and refuses a public event of a data version without a contract', () => {
    expect(() => validate('order-1', [{ type: 'OrderNoted', data: 42 }])).not.toThrow();
    expect(() => validate('cart-1', [{ type: 'OrderPlaced', data: 42 }])).not.toThrow();
    const error = caught(() =>
      validate('order-1', [{ type: 'OrderPlaced', data: placed, metadata: { schemaVersion: 3 } }]),
    );
    expect(isDomainError(error, 'SCHEMA_NOT_REGISTERED')).toBe(true);
  });

  it('routes public events to their topic and subject, and private ones nowhere', () => {
    expect(codec.route({ streamId: 'order-1', type: 'OrderPlaced', metadata: {}, data: {} })).toEqual({
      topic: 'orders.order',
      subject: 'orders.order-OrderPlaced',
    });
    expect(codec.route({ streamId: 'order-1', type: 'OrderNoted', metadata: {}, data: {} })).toBeUndefined();
  });

  it('encodes the data in the wire format with the schema id, and refuses data that does not fit', async () => {
    const encoded = await codec.encode(envelope(placed));
    expect(encoded).toMatchObject({
      topic: 'orders.order',
      subject: 'orders.order-OrderPlaced',
      schemaId: 7,
    });
    const decoded = decodeWireFormat(encoded.value);
    expect(decoded.schema).toEqual({ id: 7 });
    expect(JSON.parse(new TextDecoder().decode(decoded.payload))).toEqual(placed);
    await expect(codec.encode(envelope({ orderId: 'o-1', lines: [] }))).rejects.toThrow(
      'orders.order-OrderPlaced: /lines must NOT have fewer than 1 items (minItems)',
    );
    await expect(codec.encode(envelope(placed, 'OrderNoted'))).rejects.toMatchObject({
      code: 'SCHEMA_NOT_REGISTERED',
    });
  });
});
