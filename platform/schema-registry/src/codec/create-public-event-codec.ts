import { streamCategory } from '@omnistream/event-store';
import { DomainError, type EventEnvelope } from '@omnistream/kernel';
import type { EncodedEvent, PublicEventCodec, PublicEventRoute } from '@omnistream/messaging';
import { encodeWireFormat } from '../wire-format/wire-format.js';
import { dataVersion, type ContractCatalog } from './contract-catalog.js';

const utf8 = new TextEncoder();

/**
 * The outbox relay's view of public contracts: topic and subject by stream category and event type, and the
 * value in Confluent's wire format after the data is validated again (a contract may have been tightened in a
 * compatible way since the event was appended; nothing invalid leaves).
 */
export const createPublicEventCodec = (catalog: ContractCatalog): PublicEventCodec => ({
  route: (event): PublicEventRoute | undefined => {
    const versions = catalog.versions(streamCategory(event.streamId), event.type);
    if (versions === undefined) return undefined;
    // The port gives no metadata here, so the subject is the newest data version's; encode() names the exact one.
    const newest = [...versions.values()].reduce((a, b) => (b.contract.version > a.contract.version ? b : a));
    return { topic: newest.contract.topic, subject: newest.contract.subject };
  },
  // The executor turns a throw into a rejection, as the port's callers expect of a Promise.
  encode: (event): Promise<EncodedEvent> => new Promise((resolve) => resolve(encode(catalog, event))),
});

const encode = (catalog: ContractCatalog, event: EventEnvelope): EncodedEvent => {
  const category = streamCategory(event.streamId);
  const entry = catalog.entry(category, event.type, dataVersion(event.metadata));
  if (entry === undefined)
    throw new DomainError(
      'SCHEMA_NOT_REGISTERED',
      `${event.type} in category ${category} has no contract: it is private and is never published`,
      { category, eventType: event.type },
    );
  entry.assertValid(event.data);
  const { topic, subject, schemaId } = entry.contract;
  return {
    topic,
    subject,
    schemaId,
    value: encodeWireFormat(schemaId, utf8.encode(JSON.stringify(event.data))),
  };
};
