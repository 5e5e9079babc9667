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
export type { EncodedEvent, PublicEventCodec, PublicEventRoute } from './public-event-codec.js';
