import { describe, expect, it } from 'vitest';
import { isoFromPostgres, toEnvelope, toFeedEnvelope } from './event-row.js';

describe('isoFromPostgres', () => {
  it.each([
    ['2026-11-22', '08:38:04.674+00', '2026-11-22T08:38:04.674Z'],
    ['2026-11-22', '08:38:04.674999+00', '2026-11-22T08:38:04.674Z'],
    ['2026-11-22', '08:38:04.6+00', '2026-11-22T08:38:04.600Z'],
    ['2026-11-22', '08:38:04+00', '2026-11-22T08:38:04.000Z'],
    ['2026-11-22', '09:38:04.674+01', '2026-11-22T08:38:04.674Z'],
    ['2026-11-22', '14:08:04.674123+05:30', '2026-11-22T08:38:04.674Z'],
    ['2026-11-22', '03:38:04-05', '2026-11-22T08:38:04.000Z'],
  ])('%s %s is %s', (date, time, iso) => {
    expect(isoFromPostgres(date, time)).toBe(iso);
  });
});

describe('event rows', () => {
  const data = { line: 1 };
  const metadata = { correlationId: 'c-1' };
  const expected = {
    id: '01a20267-c47e-7353-9a4e-e394433eed61',
    type: 'LinePlaced',
    version: 3,
    data,
    metadata,
    globalPosition: 9007199254740993n,
    transactionId: 741n,
    recordedAt: '2026-11-22T08:38:04.674Z',
  };

  it('reads a stream row', () =>
    expect(
      toEnvelope(
        [
          '741 9007199254740993 3 01a20267-c47e-7353-9a4e-e394433eed61 LinePlaced 2026-11-22 08:38:04.674+00',
          data,
          metadata,
        ],
        'order-1',
      ),
    ).toEqual({ ...expected, streamId: 'order-1' }));

  it('reads a feed row, with its stream id and whether it is misordered', () => {
    const row = (mark: string) => [
      `741 9007199254740993 3 01a20267-c47e-7353-9a4e-e394433eed61 LinePlaced order-1 2026-11-22 08:38:04.674+00${mark}`,
      data,
      metadata,
    ];
    expect(toFeedEnvelope(row(''))).toEqual({
      event: { ...expected, streamId: 'order-1' },
      misordered: false,
    });
    expect(toFeedEnvelope(row(' !'))).toEqual({
      event: { ...expected, streamId: 'order-1' },
      misordered: true,
    });
  });
});
