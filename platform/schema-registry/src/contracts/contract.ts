import type { JsonSchema } from '../json-schema/json-schema.js';

/**
 * One public event contract from contracts/: the JSON Schema (2020-12) of the `data` of events of `eventType` in
 * streams of `category`, at data version `version` (an event's `metadata.schemaVersion`, absent meaning 1).
 */
export interface Contract {
  /** The bounded context that publishes it: the first folder, e.g. `orders`. */
  readonly context: string;
  /** The stream category (`order` for stream `order-42`): the second folder. */
  readonly category: string;
  /** `<context>.<category>`, the Kafka topic (DESIGN.md "Messaging"). */
  readonly topic: string;
  readonly eventType: string;
  readonly version: number;
  /**
   * `<topic>-<eventType>` (Confluent's TopicRecordNameStrategy) for version 1; later versions are breaking
   * changes, so each gets a subject of its own, `<topic>-<eventType>.v<N>`, with its own compatibility history.
   */
  readonly subject: string;
  readonly schema: JsonSchema;
  /** The file it came from, relative to the contracts folder, for messages. */
  readonly file: string;
}

export const contractSubject = (topic: string, eventType: string, version: number): string =>
  version === 1 ? `${topic}-${eventType}` : `${topic}-${eventType}.v${version}`;
