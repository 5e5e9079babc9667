/**
 * Headers a producer-side component sets on a message to say which hop published it. Absent, the indexer assumes
 * the outbox relay for a message with an event id and the REST proxy otherwise.
 */
export const HOP_HEADER = 'omnistream-hop';
export const HOP_COMPONENT_HEADER = 'omnistream-hop-component';
