import { DomainError } from '@omnistream/kernel';

/** RFC 3339 date-time, the `date-time` format the contracts check. */
const RFC_3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;
const FIRST = Date.UTC(1970, 0, 1);
const LAST = Date.UTC(10000, 0, 1);

/**
 * Parses an ISO 8601 / RFC 3339 time into its canonical UTC form (`2025-06-01T00:00:00.000Z`), so one instant
 * has one spelling: a price entry is identified by its validFrom, and `+01:00` must not make a second entry.
 * Dates that do not exist (Feb 30) are refused rather than rolled over, as JavaScript's parser would.
 * Years 1970 to 9999 only: the canonical form then sorts as text in time order.
 */
export const parseInstant = (value: unknown, field: string): string => {
  const match = typeof value === 'string' ? RFC_3339.exec(value) : null;
  const refuse = (why: string) =>
    new DomainError('INVALID_TIME', `${field} ${JSON.stringify(value)} ${why}, e.g. 2025-06-01T00:00:00Z`, {
      field,
    });
  if (match === null) throw refuse('is not an ISO 8601 date-time with a time zone');
  const [year, month, day, hour, minute, second, offsetHour = '00', offsetMinute = '00'] = match
    .slice(1)
    .map((part) => part ?? '00');
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const exists =
    calendar.getUTCMonth() === Number(month) - 1 &&
    calendar.getUTCDate() === Number(day) &&
    Number(hour) < 24 &&
    Number(minute) < 60 &&
    Number(second) < 60 &&
    Number(offsetHour) < 24 &&
    Number(offsetMinute) < 60;
  if (!exists) throw refuse('names a date or time that does not exist');
  const ms = Date.parse(value as string);
  if (!(ms >= FIRST && ms < LAST)) throw refuse('is outside the years 1970 to 9999');
  return new Date(ms).toISOString();
};
