export { eventHistorySchema } from './event-history-schema.js';
export {
  createEventHistory,
  JOURNEY_LIMIT,
  type EventHistory,
  type EventHistoryOptions,
  type Journey,
} from './create-event-history.js';
export {
  HOPS,
  HOP_OUTCOMES,
  type Hop,
  type HopOutcome,
  type EventHop,
  type RecordedHop,
} from './event-hop.js';
export { HOP_HEADER, HOP_COMPONENT_HEADER } from './hop-headers.js';
export type { HistoryEvent, HistoryEventWithHops } from './history-event.js';
export { DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT, type EventSearch, type EventPage } from './search-events.js';
export { parseFieldFilter, type FieldCondition, type FieldValue } from './field-filter.js';
export { decodePayload, type DecodedPayload } from './decode-payload.js';
export { causalOrder, type CausalNode } from './causal-order.js';
export { startEventIndexer, type EventIndexerOptions } from './start-event-indexer.js';
export { eventHistoryRoutes, type EventHistoryRoutesOptions } from './http/event-history-routes.js';
export { eventIdOf } from './event-id-of.js';
export { createHopRecorder, type HopRecorder, type HopRecorderOptions } from './create-hop-recorder.js';
