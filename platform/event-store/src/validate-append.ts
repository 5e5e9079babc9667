import { DomainError, isUuid, uuidV7, type NewEvent } from '@omnistream/kernel';
import { isExpectedVersion } from './expected-version.js';
import { jsonSafetyProblem } from './to-json.js';

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

const eventAt = (index: number, stream: string): string => `event ${index} of ${stream}`;

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

/** One event's serialised data and metadata, kept for the single-event append function. */
export interface SingleEventText {
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

export interface PreparedAppend {
  readonly payload: AppendPayload;
  /** The payload as `append_batch` takes it. */
  readonly json: string;
  /** Present when the append holds exactly one event: what `append_one` takes. */
  readonly single?: SingleEventText;
}

/**
 * Checks one append and turns it into its payload. Everything is checked before anything is sent, so a bad
 * append writes nothing. Data and metadata are serialised once here and embedded as raw JSON text.
 */
export const prepareAppend = (
  streamId: unknown,
  events: unknown,
  expectedVersion: unknown,
  limits: AppendLimits,
): PreparedAppend => {
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
  // Hot path: messages are built only on failure, with no closure made per append, and each event is serialised
  // once. A single event needs no set to find repeated ids.
  const ids = events.length > 1 ? new Set<string>() : undefined;
  const parts: string[] = [];
  const ev: AppendPayload['ev'][number][] = [];
  let single: SingleEventText | undefined;
  for (let index = 0; index < events.length; index += 1) {
    const event = events[index] as NewEvent;
    if (event === null || typeof event !== 'object')
      throw new DomainError('INVALID_EVENT', `${eventAt(index, stream)} is not an object`);
    const { type, data } = event;
    if (typeof type !== 'string' || type.length > 200 || !EVENT_TYPE.test(type))
      throw new DomainError(
        'INVALID_EVENT',
        `${eventAt(index, stream)} needs a type: a letter, then letters, digits or _.:- (at most 200)`,
      );
    let id: string;
    if (event.id === undefined) id = uuidV7();
    else if (isUuid(event.id)) id = event.id.toLowerCase();
    else
      throw new DomainError(
        'INVALID_EVENT',
        `${eventAt(index, stream)} has id ${JSON.stringify(event.id)}, which is not a UUID`,
      );
    if (ids !== undefined) {
      if (ids.has(id))
        throw new DomainError(
          'INVALID_EVENT',
          `${eventAt(index, stream)} repeats the event id ${id} within one append`,
        );
      ids.add(id);
    }
    if (data === undefined) throw new DomainError('INVALID_EVENT', `${eventAt(index, stream)} has no data`);
    const metadata = event.metadata ?? {};
    if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata))
      throw new DomainError('INVALID_EVENT', `${eventAt(index, stream)} has metadata that is not an object`);
    const dataProblem = jsonSafetyProblem(data);
    if (dataProblem !== undefined)
      throw new DomainError('EVENT_NOT_SERIALIZABLE', `the data of ${eventAt(index, stream)} ${dataProblem}`);
    const metadataProblem = jsonSafetyProblem(metadata);
    if (metadataProblem !== undefined)
      throw new DomainError(
        'EVENT_NOT_SERIALIZABLE',
        `the metadata of ${eventAt(index, stream)} ${metadataProblem}`,
      );
    const dataJson = JSON.stringify(data);
    const metadataJson = JSON.stringify(metadata);
    // The id is a UUID and the type matched EVENT_TYPE: neither needs escaping.
    const json = `{"id":"${id}","type":"${type}","data":${dataJson},"metadata":${metadataJson}}`;
    if (json.includes('\\u0000'))
      throw new DomainError(
        'EVENT_NOT_SERIALIZABLE',
        `${eventAt(index, stream)} holds a NUL character, which PostgreSQL cannot store`,
      );
    // A UTF-8 byte is at least one UTF-16 unit and at most three: count bytes only when it could matter.
    const bytes = json.length * 3 <= limits.maxEventBytes ? json.length : Buffer.byteLength(json);
    if (bytes > limits.maxEventBytes)
      throw new DomainError(
        'EVENT_TOO_LARGE',
        `${eventAt(index, stream)} is ${bytes} bytes; the limit is ${limits.maxEventBytes}`,
        {
          bytes,
          limit: limits.maxEventBytes,
        },
      );
    parts.push(json);
    ev.push({ id, type, data, metadata });
    if (events.length === 1) single = { id, type, data: dataJson, metadata: metadataJson };
  }
  const e = String(expectedVersion);
  return {
    payload: { s: stream, e, ev },
    json: `{"s":${JSON.stringify(stream)},"e":"${e}","ev":[${parts.join(',')}]}`,
    ...(single === undefined ? {} : { single }),
  };
};
