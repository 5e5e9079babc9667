import { streamCategory } from '@omnistream/event-store';
import { DomainError, type EventEnvelope } from '@omnistream/kernel';
import type { EncodedEvent, PublicEventCodec, PublicEventRoute } from '@omnistream/messaging';
import { encodeJsonWireFormat } from '../wire-format/wire-format.js';
import { dataVersion, type ContractCatalog } from './contract-catalog.js';

/**
 * The outbox relay's view of public contracts: topic and subject by stream category and event type, and the
 * value in Confluent's wire format after the data is validated again (a contract may have been tightened in a
 * compatible way since the event was appended; nothing invalid leaves).
 */
export const createPublicEventCodec = (catalog: ContractCatalog): PublicEventCodec => ({
  route: (event): PublicEventRoute | undefined => {
    const category = streamCategory(event.streamId);
    if (catalog.versions(category, event.type) === undefined) return undefined;
    // A public event whose data version has no contract still routes (to its newest version's topic), so that
    // encode() refuses it loudly instead of the relay skipping it as private.
    const entry =
      catalog.entry(category, event.type, dataVersion(event.metadata)) ??
      [...(catalog.versions(category, event.type)?.values() ?? [])].reduce((a, b) =>
        b.contract.version > a.contract.version ? b : a,
      );
    return { topic: entry.contract.topic, subject: entry.contract.subject };
  },
  encode: (event): Promise<EncodedEvent> => {
    try {
      return Promise.resolve(encode(catalog, event));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  },
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
    value: encodeJsonWireFormat(schemaId, JSON.stringify(event.data)),
  };
};
