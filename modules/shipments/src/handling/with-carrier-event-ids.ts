import { deriveId } from '@omnistream/sagas';
import type { CommandEventStore } from '@omnistream/event-store';

const carrierEventIdOf = (data: unknown): string | undefined =>
  typeof data === 'object' &&
  data !== null &&
  'carrierEventId' in data &&
  typeof data.carrierEventId === 'string'
    ? data.carrierEventId
    : undefined;

/**
 * The event store as the shipment handler sees it: an event recording a carrier's report gets an id derived from
 * the stream and the carrier's identity of the report, so a webhook delivered twice, even by two processes at
 * once, appends an event id already stored, which the store drops (idempotent append). The decider drops repeats
 * it has seen too; this covers the race in which both decided before either wrote.
 */
export const withCarrierEventIds = (store: CommandEventStore): CommandEventStore => ({
  ...store,
  readStream: (streamId, options) => store.readStream(streamId, options),
  append: (streamId, events, options) =>
    store.append(
      streamId,
      events.map((event) => {
        const carrierEventId = carrierEventIdOf(event.data);
        return carrierEventId === undefined
          ? event
          : { ...event, id: deriveId(`${streamId}/carrier-event/${carrierEventId}`) };
      }),
      options,
    ),
});
