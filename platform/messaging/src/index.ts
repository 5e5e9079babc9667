export type {
  Bus,
  ConsumeOptions,
  IncomingMessage,
  MessageHeaders,
  OutgoingMessage,
  PartitionLag,
  RunningConsumer,
  TopicSpec,
} from './bus.js';
