import { describe } from 'vitest';
import { platformMigrations } from '@omnistream/event-store';
import { testDatabases } from '@omnistream/testing';
import { describeBusConformance } from '../conformance/bus-conformance.js';
import { messagingMigrations } from '../messaging-schema.js';
import { createInProcessBus } from './create-in-process-bus.js';

describe.each(testDatabases())('the in-process bus on $name', (target) => {
  describeBusConformance(`in-process on ${target.name}`, async () => {
    const opened = await target.open({ migrations: [...platformMigrations, ...messagingMigrations] });
    const bus = createInProcessBus(opened.db, { pollIntervalMs: 100, standbyIntervalMs: 200 });
    return {
      bus,
      db: opened.db,
      close: async () => {
        await bus.close();
        await opened.close();
      },
    };
  });
});
