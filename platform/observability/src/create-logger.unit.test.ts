import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger.js';

const capture = () => {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, destination };
};

describe('createLogger', () => {
  it('writes JSON lines with the level, time and message', () => {
    const { lines, destination } = capture();
    createLogger({ destination, name: 'test' }).info({ orderId: 'o-1' }, 'order placed');
    expect(lines[0]).toMatchObject({ level: 30, name: 'test', msg: 'order placed', orderId: 'o-1' });
    expect(typeof lines[0]?.time).toBe('string');
  });

  it('censors authorization, cookie and API key headers wherever headers are logged', () => {
    const { lines, destination } = capture();
    const headers = {
      authorization: 'Bearer secret',
      cookie: 'sid=1',
      'x-api-key': 'k',
      accept: 'application/json',
    };
    createLogger({ destination }).info({ headers, upstream: { headers } }, 'call');
    const text = JSON.stringify(lines[0]);
    expect(text).not.toMatch(/secret|sid=1|"k"/);
    expect(lines[0]).toMatchObject({ headers: { authorization: '[redacted]', accept: 'application/json' } });
  });

  it('never logs request bodies, and leaves the caller object untouched', () => {
    const { lines, destination } = capture();
    const fields = { body: { email: 'someone@example.com' }, payload: 'card', route: '/orders' };
    createLogger({ destination }).info(fields, 'request');
    expect(JSON.stringify(lines[0])).not.toMatch(/example\.com|card/);
    expect(lines[0]).toMatchObject({ route: '/orders' });
    expect(fields.body.email).toBe('someone@example.com');
  });

  it('logs requests by method, url and id only', () => {
    const { lines, destination } = capture();
    const req = {
      id: 'req-1',
      method: 'POST',
      url: '/orders',
      ip: '127.0.0.1',
      headers: { authorization: 'x' },
      body: { a: 1 },
    };
    createLogger({ destination }).info({ req }, 'incoming request');
    expect(lines[0]?.req).toEqual({
      id: 'req-1',
      method: 'POST',
      url: '/orders',
      remoteAddress: '127.0.0.1',
    });
  });

  it('stays quiet below its level', () => {
    const { lines, destination } = capture();
    createLogger({ destination, level: 'warn' }).info('not written');
    expect(lines).toHaveLength(0);
  });
});
