import { streamCategory } from '@omnistream/event-store';
import { DomainError, type EventEnvelope } from '@omnistream/kernel';
import type { EncodedEvent, PublicEventCodec } from '@omnistream/messaging';
import {
  compileJsonSchema,
  describeValidationError,
  DRAFT_2020_12,
  encodeJsonWireFormat,
  type JsonSchema,
  type SchemaRegistry,
} from '@omnistream/schema-registry';

/** Where a context receives the commands sagas send it. */
export const sagaCommandTopic = (target: string): string => `${target}.commands`;
export const sagaCommandSubject = (target: string): string => `${sagaCommandTopic(target)}-SagaCommandIssued`;

const command = {
  type: 'object',
  properties: { target: { type: 'string', minLength: 1 }, type: { type: 'string', minLength: 1 }, data: {} },
  required: ['target', 'type', 'data'],
  additionalProperties: false,
};

/** The data of `SagaCommandIssued` on `<target>.commands`: a wire contract (saga-events.ts), additive changes only. */
export const SAGA_COMMAND_ISSUED_SCHEMA: JsonSchema = {
  $schema: DRAFT_2020_12,
  title: 'SagaCommandIssued',
  type: 'object',
  properties: {
    commandId: { type: 'string', minLength: 1 },
    saga: { type: 'string', minLength: 1 },
    instanceId: { type: 'string', minLength: 1 },
    step: { type: 'string', minLength: 1 },
    role: { enum: ['forward', 'compensation'] },
    target: { type: 'string', minLength: 1 },
    command: {
      type: 'object',
      properties: { type: { type: 'string', minLength: 1 }, data: {} },
      required: ['type', 'data'],
    },
    compensation: command,
    issuedAt: { type: 'string' },
  },
  required: ['commandId', 'saga', 'instanceId', 'step', 'role', 'target', 'command', 'issuedAt'],
};

const targetOf = (event: Pick<EventEnvelope, 'data'>): string | undefined => {
  const target = (event.data as { target?: unknown } | null)?.target;
  return typeof target === 'string' ? target : undefined;
};

/**
 * Routes the commands sagas issue (the `SagaCommandIssued` events of their streams, the saga's outbox) to
 * `<target>.commands`, key = the saga stream, so one instance's commands stay in order. Registers the command
 * schema under each target's subject first, so the wire format carries a real schema id. A command for a target
 * not listed is refused at encode, loudly, rather than published to a topic nobody provisioned.
 */
export const createSagaCommandCodec = async (
  registry: SchemaRegistry,
  sagaNames: readonly string[],
  targets: readonly string[],
): Promise<PublicEventCodec> => {
  const validate = compileJsonSchema(SAGA_COMMAND_ISSUED_SCHEMA);
  const ids = new Map<string, number>();
  for (const target of targets) {
    const { id } = await registry.register(sagaCommandSubject(target), {
      schema: JSON.stringify(SAGA_COMMAND_ISSUED_SCHEMA),
      schemaType: 'JSON',
    });
    ids.set(target, id);
  }
  const sagas = new Set(sagaNames);
  return {
    route: (event) => {
      if (event.type !== 'SagaCommandIssued' || !sagas.has(streamCategory(event.streamId))) return undefined;
      const target = targetOf(event) ?? 'unknown';
      return { topic: sagaCommandTopic(target), subject: sagaCommandSubject(target) };
    },
    encode: (event): Promise<EncodedEvent> => {
      const target = targetOf(event) ?? '';
      const schemaId = ids.get(target);
      if (schemaId === undefined)
        return Promise.reject(
          new DomainError(
            'SCHEMA_NOT_REGISTERED',
            `saga command for unknown target ${JSON.stringify(target)}`,
          ),
        );
      if (!validate(event.data))
        return Promise.reject(
          new DomainError(
            'SCHEMA_VALIDATION_FAILED',
            `${sagaCommandSubject(target)}: ${validate.errors?.[0] === undefined ? '/ is invalid' : describeValidationError(validate.errors[0])}`,
          ),
        );
      const value = encodeJsonWireFormat(schemaId, JSON.stringify(event.data));
      return Promise.resolve({
        topic: sagaCommandTopic(target),
        subject: sagaCommandSubject(target),
        schemaId,
        value,
      });
    },
  };
};
