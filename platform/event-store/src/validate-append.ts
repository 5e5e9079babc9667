import { DomainError, isUuid, uuidV7, type NewEvent } from '@omnistream/kernel';
import { isExpectedVersion } from './expected-version.js';
import { toJson } from './to-json.js';

/** The shape `omnistream.append_batch` takes for one stream: never change without a migration. */
export interface AppendPayload {
  readonly s: string;
  readonly e: string;
  readonly ev: readonly {
    readonly id: string;
    readonly type: string;
    readonly data: unknown;
    readonly metadata: unknown;
  }[];
}

export interface AppendLimits {
  /** Largest serialised data + metadata of one event, in bytes. */
  readonly maxEventBytes: number;
  /** Most events in one append. */
  readonly maxEventsPerAppend: number;
}

/** `<category>-<id>` (STYLE.md 4): a letter-led category, a dash, then an id of printable characters. */
const STREAM_ID = /^[A-Za-z][A-Za-z0-9_]*-[A-Za-z0-9][A-Za-z0-9._:@+=-]*$/;
const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9_.:-]*$/;
const MAX_STREAM_ID_LENGTH = 200;

export const streamCategory = (streamId: string): string => streamId.slice(0, streamId.indexOf('-'));

export const assertStreamId = (streamId: unknown): string => {
  if (typeof streamId !== 'string' || streamId.length > MAX_STREAM_ID_LENGTH || !STREAM_ID.test(streamId))
    throw new DomainError(
      'INVALID_STREAM_ID',
      `stream id ${JSON.stringify(streamId)} is not <category>-<id> (a letter-led category of letters, digits or _, ` +
        `a dash, then up to ${MAX_STREAM_ID_LENGTH} characters in all of letters, digits and ._:@+=-)`,
    );
  return streamId;
};

/**
 * Checks one append and turns it into its payload. Everything is checked before anything is sent, so a bad
 * append writes nothing. Data and metadata are serialised once here and embedded as raw JSON text.
 */
export const prepareAppend = (
  streamId: unknown,
  events: unknown,
  expectedVersion: unknown,
  limits: AppendLimits,
): { payload: AppendPayload; json: string; ids: string[] } => {
  const stream = assertStreamId(streamId);
  if (!isExpectedVersion(expectedVersion))
    throw new DomainError(
      'INVALID_EXPECTED_VERSION',
      `expected version ${JSON.stringify(expectedVersion)} is not 'any', 'no_stream', 'stream_exists' or a whole number >= 0`,
    );
  if (!Array.isArray(events) || events.length === 0)
    throw new DomainError('EMPTY_APPEND', `an append to ${stream} needs at least one event`);
  if (events.length > limits.maxEventsPerAppend)
    throw new DomainError(
      'APPEND_TOO_LARGE',
      `an append holds at most ${limits.maxEventsPerAppend} events, got ${events.length}`,
    );
  const ids = new Set<string>();
  const parts: string[] = [];
  const ev: AppendPayload['ev'][number][] = [];
  (events as readonly NewEvent[]).forEach((event, index) => {
    const at = `event ${index} of ${stream}`;
    if (event === null || typeof event !== 'object')
      throw new DomainError('INVALID_EVENT', `${at} is not an object`);
    if (typeof event.type !== 'string' || event.type.length > 200 || !EVENT_TYPE.test(event.type))
      throw new DomainError(
        'INVALID_EVENT',
        `${at} needs a type: a letter, then letters, digits or _.:- (at most 200)`,
      );
    const id = event.id ?? uuidV7();
    if (!isUuid(id))
      throw new DomainError('INVALID_EVENT', `${at} has id ${JSON.stringify(id)}, which is not a UUID`);
    const lower = id.toLowerCase();
    if (ids.has(lower))
      throw new DomainError('INVALID_EVENT', `${at} repeats the event id ${id} within one append`);
    ids.add(lower);
    if (event.data === undefined) throw new DomainError('INVALID_EVENT', `${at} has no data`);
    if (
      event.metadata !== undefined &&
      (event.metadata === null || typeof event.metadata !== 'object' || Array.isArray(event.metadata))
    )
      throw new DomainError('INVALID_EVENT', `${at} has metadata that is not an object`);
    const data = toJson(event.data, `the data of ${at}`);
    const metadata = toJson(event.metadata ?? {}, `the metadata of ${at}`);
    const bytes = Buffer.byteLength(data) + Buffer.byteLength(metadata);
    if (bytes > limits.maxEventBytes)
      throw new DomainError(
        'EVENT_TOO_LARGE',
        `${at} is ${bytes} bytes; the limit is ${limits.maxEventBytes}`,
        { bytes, limit: limits.maxEventBytes },
      );
    parts.push(
      `{"id":"${lower}","type":${JSON.stringify(event.type)},"data":${data},"metadata":${metadata}}`,
    );
    ev.push({ id: lower, type: event.type, data: event.data, metadata: event.metadata ?? {} });
  });
  const e = String(expectedVersion);
  return {
    payload: { s: stream, e, ev },
    json: `{"s":${JSON.stringify(stream)},"e":"${e}","ev":[${parts.join(',')}]}`,
    ids: [...ids],
  };
};
