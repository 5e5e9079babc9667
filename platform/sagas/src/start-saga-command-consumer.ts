import { DomainError, isDomainError } from '@omnistream/kernel';
import type { Database, EventStore } from '@omnistream/event-store';
import {
  EVENT_HEADERS,
  startConsumer,
  type Bus,
  type Consumer,
  type ConsumerOptions,
  type IncomingMessage,
} from '@omnistream/messaging';
import { decodeWireFormat } from '@omnistream/schema-registry';
import { deriveId } from './derive-id.js';
import { sagaCommandTopic } from './saga-command-codec.js';
import type { SagaCommandIssued } from './saga-events.js';
import { sagaReplyStreamId, type SagaCommandOrigin, type SagaCommandReply } from './saga-command-replies.js';

/** What an executor learns besides the command: where it came from, for metadata and idempotency keys. */
export interface SagaCommandContext extends SagaCommandOrigin {
  readonly correlationId?: string;
}

/**
 * Applies one command of a context; returns a JSON result for the reply, or throws. It must be idempotent (the
 * same command id may arrive twice: after a crash between applying and recording the reply, it is applied again).
 */
export type SagaCommandExecutor = (
  command: { readonly type: string; readonly data: unknown },
  context: SagaCommandContext,
) => Promise<unknown>;

/** DomainErrors that say "try again", not "no": retried by the consumer, then dead-lettered. */
const TRANSIENT = new Set([
  'STREAM_VERSION_CONFLICT',
  'PROVIDER_UNAVAILABLE',
  'PROVIDER_ERROR',
  'PROJECTION_NOT_READY',
  'IDEMPOTENCY_KEY_IN_PROGRESS',
]);

export interface SagaCommandConsumerOptions {
  readonly bus: Bus;
  readonly db: Database;
  readonly store: EventStore;
  /** The context whose commands this consumes (`<target>.commands`). */
  readonly target: string;
  readonly execute: SagaCommandExecutor;
  readonly consumer?: Partial<
    Omit<ConsumerOptions, 'bus' | 'db' | 'group' | 'topics' | 'handle' | 'prepare'>
  >;
}

const utf8 = new TextDecoder();

/**
 * A context's side of saga commands: consumes `<target>.commands`, applies each command with the context's
 * executor (before the consumer's transaction: at least once, hence idempotent executors), and records the outcome
 * as a reply on `sagareply-<commandId>` in the same transaction as the inbox row, so the saga learns it once: SagaCommandSucceeded with the executor's result, or
 * SagaCommandRejected with the DomainError's code when the context said no. Transient failures (conflicts,
 * providers down) are retried by the consumer, then parked as dead letters, and never turned into a "no".
 */
export const startSagaCommandConsumer = ({
  bus,
  db,
  store,
  target,
  execute,
  consumer = {},
}: SagaCommandConsumerOptions): Promise<Consumer> => {
  const decode = (message: IncomingMessage): SagaCommandIssued['data'] => {
    const issued = JSON.parse(
      utf8.decode(decodeWireFormat(message.value).payload),
    ) as SagaCommandIssued['data'];
    if (issued.target !== target)
      throw new DomainError('SAGA_COMMAND_MISROUTED', `command for ${issued.target} arrived at ${target}`);
    return issued;
  };
  const originOf = (issued: SagaCommandIssued['data']): SagaCommandOrigin => ({
    commandId: issued.commandId,
    saga: issued.saga,
    instanceId: issued.instanceId,
    step: issued.step,
    role: issued.role,
  });
  const apply = async (message: IncomingMessage): Promise<SagaCommandReply> => {
    const issued = decode(message);
    const origin = originOf(issued);
    const correlationId = message.headers[EVENT_HEADERS.correlationId];
    try {
      const result = await execute(issued.command, {
        ...origin,
        ...(typeof correlationId === 'string' ? { correlationId } : {}),
      });
      return { type: 'SagaCommandSucceeded', data: { ...origin, result: result ?? null } };
    } catch (error) {
      if (!isDomainError(error) || TRANSIENT.has(error.code)) throw error;
      return { type: 'SagaCommandRejected', data: { ...origin, code: error.code, message: error.message } };
    }
  };
  /** Outcomes applied before the consumer's transaction, by command id, waiting to be recorded in it. */
  const applied = new Map<string, SagaCommandReply>();
  return startConsumer({
    ...consumer,
    bus,
    db,
    group: `${target}-saga-commands`,
    topics: [sagaCommandTopic(target)],
    // The executor's effects take transactions of their own (command handlers), so they run before the
    // consumer's transaction, never inside it; the transaction then records the reply with the inbox row.
    prepare: async (message) => {
      const reply = await apply(message);
      applied.set(reply.data.commandId, reply);
    },
    handle: async (message, tx) => {
      const issued = decode(message);
      const reply = applied.get(issued.commandId) ?? (await apply(message));
      applied.delete(issued.commandId);
      const correlationId = message.headers[EVENT_HEADERS.correlationId];
      await store.appendInTransaction(tx, [
        {
          streamId: sagaReplyStreamId(issued.commandId),
          events: [
            {
              id: deriveId(`reply:${issued.commandId}`),
              type: reply.type,
              data: reply.data,
              metadata: {
                ...(typeof correlationId === 'string' ? { correlationId } : {}),
                causationId: issued.commandId,
              },
            },
          ],
        },
      ]);
    },
  });
};
