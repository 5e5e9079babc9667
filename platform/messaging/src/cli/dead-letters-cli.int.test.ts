import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformMigrations } from '@omnistream/event-store';
import { testDatabases, type OpenedTestDatabase } from '@omnistream/testing';
import { recordDeadLetter } from '../dead-letters/record-dead-letter.js';
import { messagingMigrations } from '../messaging-schema.js';
import { deadLettersCli } from './dead-letters-cli.js';

describe.each(testDatabases())('the dead-letters command on $name', (target) => {
  let opened: OpenedTestDatabase;
  beforeAll(async () => {
    opened = await target.open({ migrations: [...platformMigrations, ...messagingMigrations] });
    const at = new Date();
    const message = {
      topic: 't',
      partition: 0,
      offset: '0',
      key: 'k',
      value: new Uint8Array([1]),
      headers: {},
      timestamp: at,
    };
    await opened.db.transaction((tx) =>
      recordDeadLetter(
        tx,
        'g',
        't/0/0',
        message,
        {
          status: 'parked',
          failure: { error: new Error('boom'), attempts: 3, firstFailedAt: at, lastFailedAt: at },
        },
        'consumer:g',
      ),
    );
  });
  afterAll(() => opened.close());

  const run = async (...args: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await deadLettersCli(args, {
      db: opened.db,
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
    });
    return { code, stdout, stderr };
  };

  it('lists, shows and discards with an audit entry, printing JSON', async () => {
    const listed = await run('list', '--group', 'g');
    expect(listed.code).toBe(0);
    const [letter] = (JSON.parse(listed.stdout) as { deadLetters: { id: string; status: string }[] })
      .deadLetters;
    expect(letter?.status).toBe('parked');
    const discarded = await run('discard', letter!.id, '--actor', 'carol', '--reason', 'obsolete');
    expect(JSON.parse(discarded.stdout)).toMatchObject({ deadLetter: { status: 'discarded' } });
    const shown = JSON.parse((await run('show', letter!.id)).stdout) as {
      audit: { action: string; actor: string }[];
    };
    expect(shown.audit.map((a) => [a.action, a.actor])).toEqual([
      ['parked', 'consumer:g'],
      ['discarded', 'carol'],
    ]);
  });

  it('prints a problem and exits 1 when the dead letter cannot take the action, 2 on bad usage', async () => {
    const missing = await run('redrive', '123456', '--actor', 'carol');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stderr)).toMatchObject({ error: { code: 'DEAD_LETTER_NOT_FOUND' } });
    expect((await run('redrive', '1')).code).toBe(2);
  });
});
