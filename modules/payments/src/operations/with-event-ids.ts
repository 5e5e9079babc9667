import type { CommandEventStore } from '@omnistream/event-store';
import { nameBasedId } from '../providers/name-based-id.js';

/**
 * The store as the command handler sees it, with event ids derived from `name` (a provider's notification
 * identity): a webhook delivered twice, even concurrently, decides the same events under the same ids, and the
 * store's idempotent append drops the repeat.
 */
export const withEventIds = (store: CommandEventStore, name: string): CommandEventStore => ({
  readStream: (streamId, options) => store.readStream(streamId, options),
  append: (streamId, events, options) =>
    store.append(
      streamId,
      events.map((event, index) => ({ ...event, id: nameBasedId(`${streamId}/${name}/${index}`) })),
      options,
    ),
});
