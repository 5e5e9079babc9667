export type { SagaCommand, SagaStep } from './saga-command.js';
export type { SagaInput, SagaEventInput, SagaTimerInput, SagaContext } from './saga-input.js';
export {
  compensate,
  complete,
  nothing,
  isEmptyDecision,
  type SagaDecision,
  type SagaEnd,
  type TimerRequest,
} from './saga-decision.js';
export {
  assertSagaName,
  sagaStreamId,
  type AnySaga,
  type SagaCorrelation,
  type SagaDefinition,
} from './saga-definition.js';
export {
  isSagaFrameworkEvent,
  isReservedEventType,
  type SagaFrameworkEvent,
  type SagaInputReceived,
  type SagaCommandIssued,
  type SagaStepCompleted,
  type SagaStepFailed,
  type SagaTimerScheduled,
  type SagaTimerCancelled,
  type SagaEnded,
} from './saga-events.js';
export { deriveId, commandIdOf, timerIdOf } from './derive-id.js';
export {
  newInstance,
  evolveInstance,
  isEnded,
  type SagaInstance,
  type SagaStatus,
  type SagaStepRecord,
  type PendingTimer,
} from './saga-instance.js';
export { processInput, type ProcessedInput } from './process-input.js';
export { sagaSpec, type SagaExpectation, type SpecInput } from './saga-spec.js';
export { sagasSchema } from './sagas-schema.js';
export { lockSagaStreams, loadSagaInstance, type StoredSagaEvent } from './load-saga-instance.js';
export {
  createSagaRunner,
  type SagaRunner,
  type SagaRunnerOptions,
  type DueTimer,
} from './create-saga-runner.js';
export { startSagaSubscription, type SagaSubscriptionOptions } from './start-saga-subscription.js';
export { claimDueTimers, type ClaimOptions } from './claim-due-timers.js';
export { startSagaTimers, type SagaTimers, type SagaTimersOptions } from './start-saga-timers.js';
export { retryOnConflict } from './retry-on-conflict.js';
export { readSaga, type SagaView, type SagaDecisionRecord } from './read-saga.js';
export {
  createSagaCommandCodec,
  sagaCommandTopic,
  sagaCommandSubject,
  SAGA_COMMAND_ISSUED_SCHEMA,
} from './saga-command-codec.js';
export {
  correlateSagaReply,
  isSagaCommandReply,
  sagaReplyStreamId,
  type SagaCommandOrigin,
  type SagaCommandReply,
  type SagaCommandSucceeded,
  type SagaCommandRejected,
} from './saga-command-replies.js';
export {
  startSagaCommandConsumer,
  type SagaCommandConsumerOptions,
  type SagaCommandContext,
  type SagaCommandExecutor,
} from './start-saga-command-consumer.js';
export { partitionSaga, sagaPartitionOf } from './partition-saga.js';
