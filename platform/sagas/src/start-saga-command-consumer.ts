import { DomainError, isDomainError } from '@omnistream/kernel';
import type { Database, EventStore } from '@omnistream/event-store';
import {
  EVENT_HEADERS,
  startConsumer,
  type Bus,
  type Consumer,
  type ConsumerOptions,
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
  readonly consumer?: Partial<Omit<ConsumerOptions, 'bus' | 'db' | 'group' | 'topics' | 'handle'>>;
}

const utf8 = new TextDecoder();

/**
 * A context's side of saga commands: consumes `<target>.commands`, applies each command with the context's
 * executor, and records the outcome as a reply on `sagareply-<commandId>` in the same transaction as the inbox
 * row, so the saga learns it exactly once: SagaCommandSucceeded with the executor's result, or
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
}: SagaCommandConsumerOptions): Promise<Consumer> =>
  startConsumer({
    ...consumer,
    bus,
    db,
    group: `${target}-saga-commands`,
    topics: [sagaCommandTopic(target)],
    handle: async (message, tx) => {
      const issued = JSON.parse(
        utf8.decode(decodeWireFormat(message.value).payload),
      ) as SagaCommandIssued['data'];
      if (issued.target !== target)
        throw new DomainError('SAGA_COMMAND_MISROUTED', `command for ${issued.target} arrived at ${target}`);
      const origin: SagaCommandOrigin = {
        commandId: issued.commandId,
        saga: issued.saga,
        instanceId: issued.instanceId,
        step: issued.step,
        role: issued.role,
      };
      const correlationId = message.headers[EVENT_HEADERS.correlationId];
      let reply: SagaCommandReply;
      try {
        const result = await execute(issued.command, {
          ...origin,
          ...(typeof correlationId === 'string' ? { correlationId } : {}),
        });
        reply = { type: 'SagaCommandSucceeded', data: { ...origin, result: result ?? null } };
      } catch (error) {
        if (!isDomainError(error) || TRANSIENT.has(error.code)) throw error;
        reply = {
          type: 'SagaCommandRejected',
          data: { ...origin, code: error.code, message: error.message },
        };
      }
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
