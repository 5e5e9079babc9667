import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformMigrations } from '@omnistream/event-store';
import type { InjectOptions } from 'fastify';
import { createHttpApp, type HttpApp } from '@omnistream/http';
import { createLogger } from '@omnistream/observability';
import { testDatabases, type OpenedTestDatabase } from '@omnistream/testing';
import { recordDeadLetter } from '../dead-letters/record-dead-letter.js';
import { messagingMigrations } from '../messaging-schema.js';
import { deadLetterRoutes } from './dead-letter-routes.js';

describe.each(testDatabases())('the dead letters API on $name', (target) => {
  let opened: OpenedTestDatabase;
  let app: HttpApp;
  const ids: string[] = [];
  beforeAll(async () => {
    opened = await target.open({ migrations: [...platformMigrations, ...messagingMigrations] });
    app = await createHttpApp({ logger: createLogger({ level: 'silent' }) });
    await app.register(deadLetterRoutes, { db: opened.db });
    const at = new Date('2026-01-02T03:04:05.000Z');
    for (const [index, key] of ['order-1', 'order-1', 'order-2'].entries()) {
      const message = {
        topic: 'orders.order',
        partition: 0,
        offset: String(index),
        key,
        value: new TextEncoder().encode(`{"n":${index}}`),
        headers: { 'event-id': `event-${index}` },
        timestamp: at,
      };
      await opened.db.transaction((tx) =>
        recordDeadLetter(
          tx,
          'billing',
          `event-${index}`,
          message,
          index === 1
            ? { status: 'waiting' }
            : {
                status: 'parked',
                failure: {
                  error: new Error(`boom ${index}`),
                  attempts: 5,
                  firstFailedAt: at,
                  lastFailedAt: at,
                },
              },
          'consumer:billing',
        ),
      );
    }
    const listed = await app.inject({ method: 'GET', url: '/dead-letters?group=billing' });
    ids.push(...listed.json<{ deadLetters: { id: string }[] }>().deadLetters.map((l) => l.id));
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  it('lists dead letters oldest first, filtered, a page at a time', async () => {
    const first = await app.inject({ method: 'GET', url: '/dead-letters?group=billing&limit=2' });
    expect(first.statusCode).toBe(200);
    const page = first.json<{ deadLetters: { id: string; status: string; key: string }[]; next: string }>();
    expect(page.deadLetters.map((l) => [l.status, l.key])).toEqual([
      ['parked', 'order-1'],
      ['waiting', 'order-1'],
    ]);
    const second = await app.inject({
      method: 'GET',
      url: `/dead-letters?group=billing&limit=2&after=${page.next}`,
    });
    expect(second.json()).toMatchObject({ deadLetters: [{ key: 'order-2', error: { message: 'boom 2' } }] });
    expect(second.json()).not.toHaveProperty('next');
    const parked = await app.inject({ method: 'GET', url: '/dead-letters?status=waiting' });
    expect(parked.json<{ deadLetters: unknown[] }>().deadLetters).toHaveLength(1);
  });

  it('shows one dead letter with its original coordinates, what waits behind it and its audit trail', async () => {
    const shown = await app.inject({ method: 'GET', url: `/dead-letters/${ids[0]}` });
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({
      deadLetter: {
        group: 'billing',
        topic: 'orders.order',
        partition: 0,
        offset: '0',
        key: 'order-1',
        attempts: 5,
        value: Buffer.from('{"n":0}').toString('base64'),
        timestamp: '2026-01-02T03:04:05.000Z',
        error: { message: 'boom 0', stack: expect.stringContaining('Error: boom 0') as unknown },
      },
      waiting: [{ id: ids[1], status: 'waiting' }],
      audit: [{ action: 'parked', actor: 'consumer:billing' }],
    });
  });

  it('records a redrive request with its actor and answers 202', async () => {
    const redriven = await app.inject({
      method: 'POST',
      url: `/dead-letters/${ids[0]}/redrive`,
      headers: { 'x-omnistream-actor': 'alice' },
      payload: { reason: 'fixed' },
    });
    expect(redriven.statusCode).toBe(202);
    expect(redriven.json()).toMatchObject({ deadLetter: { status: 'redrive_requested' } });
    const shown = await app.inject({ method: 'GET', url: `/dead-letters/${ids[0]}` });
    expect(shown.json()).toMatchObject({
      audit: [{ action: 'parked' }, { action: 'redrive_requested', actor: 'alice', reason: 'fixed' }],
    });
  });

  it('discards with a reason, and then refuses to redrive what was discarded with 409', async () => {
    const discarded = await app.inject({
      method: 'POST',
      url: `/dead-letters/${ids[2]}/discard`,
      payload: { actor: 'bob', reason: 'test order' },
    });
    expect(discarded.statusCode).toBe(200);
    expect(discarded.json()).toMatchObject({
      deadLetter: { status: 'discarded', resolvedAt: expect.any(String) as unknown },
    });
    const refused = await app.inject({
      method: 'POST',
      url: `/dead-letters/${ids[2]}/redrive`,
      payload: { actor: 'bob' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({
      code: 'DEAD_LETTER_STATUS_CONFLICT',
      details: { status: 'discarded' },
    });
  });

  it('answers problems a client can act on: unknown ids, bad ids, missing reason or actor', async () => {
    const expectProblem = async (request: InjectOptions, status: number, code: string) => {
      const response = await app.inject(request);
      expect([response.statusCode, response.json<{ code: string }>().code]).toEqual([status, code]);
    };
    await expectProblem({ method: 'GET', url: '/dead-letters/999999' }, 404, 'DEAD_LETTER_NOT_FOUND');
    await expectProblem({ method: 'GET', url: '/dead-letters/abc' }, 400, 'INVALID_DEAD_LETTER_ID');
    await expectProblem({ method: 'GET', url: '/dead-letters?after=x' }, 400, 'INVALID_DEAD_LETTER_CURSOR');
    await expectProblem(
      { method: 'POST', url: `/dead-letters/${ids[1]}/discard`, payload: { actor: 'bob' } },
      400,
      'INVALID_DEAD_LETTER_REASON',
    );
    await expectProblem(
      { method: 'POST', url: `/dead-letters/${ids[1]}/discard`, payload: { reason: 'x' } },
      400,
      'INVALID_DEAD_LETTER_ACTOR',
    );
    await expectProblem(
      { method: 'POST', url: `/dead-letters/${ids[1]}/redrive`, payload: { actor: 'a' } },
      409,
      'DEAD_LETTER_STATUS_CONFLICT',
    );
  });
});
