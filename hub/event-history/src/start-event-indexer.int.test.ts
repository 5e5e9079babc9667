import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { platformMigrations } from '@omnistream/event-store';
import { createInProcessBus, messagingMigrations, type InProcessBus } from '@omnistream/messaging';
import { testDatabases, type OpenedTestDatabase } from '@omnistream/testing';
import { createEventHistory, type EventHistory } from './create-event-history.js';
import { eventHistorySchema } from './event-history-schema.js';
import { plainJson, wireFormat } from './message.fixture.js';
import { startEventIndexer } from './start-event-indexer.js';

const waitFor = async (check: () => Promise<boolean>, what: string): Promise<void> => {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe.each(testDatabases())('the event indexer on $name', (database) => {
  let opened: OpenedTestDatabase;
  let bus: InProcessBus;
  let history: EventHistory;
  beforeEach(async () => {
    opened = await database.open({
      migrations: [...platformMigrations, ...messagingMigrations, eventHistorySchema],
    });
    bus = createInProcessBus(opened.db, { pollIntervalMs: 50 });
    history = createEventHistory({ db: opened.db });
  });
  afterEach(async () => {
    await bus.close();
    await opened.close();
  });

  it('indexes what was published before it started and what is published while it runs, only on its topics', async () => {
    await bus.publish([
      {
        topic: 'orders.order',
        key: 'order-1',
        value: wireFormat(3, { orderId: 'order-1' }),
        headers: { 'event-id': 'evt-1', 'event-type': 'OrderPlaced', 'correlation-id': 'c-1' },
      },
      { topic: 'pos.sale', key: 's-1', value: plainJson({ saleId: 's-1' }), headers: {} },
      { topic: 'not.indexed', key: 'x', value: plainJson({}), headers: { 'event-id': 'ignored' } },
    ]);
    const indexer = await startEventIndexer({ bus, history, topics: ['orders.order', 'pos.sale'] });
    try {
      expect(indexer.group).toBe('hub.event-history');
      await waitFor(async () => (await history.search({})).events.length === 2, 'the first two messages');
      await bus.publish([
        {
          topic: 'orders.order',
          key: 'order-1',
          value: wireFormat(3, { orderId: 'order-1', paid: true }),
          headers: {
            'event-id': 'evt-2',
            'event-type': 'OrderPaid',
            'correlation-id': 'c-1',
            'causation-id': 'evt-1',
          },
        },
      ]);
      await waitFor(async () => (await history.get('evt-2')) !== undefined, 'the message published later');
    } finally {
      await indexer.stop();
    }
    const all = await history.search({});
    expect(all.events.map((e) => e.id).sort()).toEqual(['evt-1', 'evt-2', 'pos.sale/0/0']);
    expect(all.events[0]?.id).toBe('evt-2'); // published last, so newest
    expect(await history.get('evt-1')).toMatchObject({
      schemaId: 3,
      payload: { orderId: 'order-1' },
      offset: '0',
    });
    expect((await history.get('pos.sale/0/0'))?.hops).toMatchObject([{ hop: 'proxy', outcome: 'published' }]);
    expect((await history.journey('c-1')).events.map((e) => e.id)).toEqual(['evt-1', 'evt-2']);
    expect(await history.get('ignored')).toBeUndefined();
  });
});
