export { DomainError, isDomainError } from './domain-error.js';
export { uuidV7, isUuid } from './uuid-v7.js';
export { systemClock, fixedClock, type Clock } from './clock.js';
export type { EventMetadata, NewEvent, EventEnvelope } from './event-envelope.js';
export { fold, type Command, type CommandMetadata, type DecidedEvent, type Decider } from './decider.js';
export { decideSpec } from './decider-spec.js';
export { PersistentMap } from './persistent-map.js';
export { canonicalJson, sameJson } from './canonical-json.js';
