import type { CommandMetadata, DecidedEvent, EventMetadata, NewEvent } from '@omnistream/kernel';

/**
 * Gives decided events the metadata that ties them to their command: who asked, within which trace and
 * conversation, and when. Deciders never see metadata, so every event of one command carries the same.
 */
export const toNewEvents = (events: readonly DecidedEvent[], command: CommandMetadata): NewEvent[] => {
  const { now, correlationId, causationId, traceparent, actor } = command;
  const metadata: EventMetadata = {
    occurredAt: now,
    ...(correlationId === undefined ? {} : { correlationId }),
    ...(causationId === undefined ? {} : { causationId }),
    ...(traceparent === undefined ? {} : { traceparent }),
    ...(actor === undefined ? {} : { actor }),
  };
  return events.map((event) => ({ type: event.type, data: event.data, metadata }));
};
