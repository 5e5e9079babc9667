import type { ConnectionOptions as TlsOptions } from 'node:tls';
import type { BaseOptions, SASLOptions } from '@platformatic/kafka';

export type KafkaSaslMechanism = 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512';

export interface KafkaSasl {
  readonly mechanism: KafkaSaslMechanism;
  readonly username: string;
  readonly password: string;
}

/** PEM text, not file paths: reading files is the composition root's job. */
export interface KafkaTls {
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
}

/** Where in the adapter an error happened that no caller was waiting for (the consumer's background loop). */
export interface KafkaConsumerErrorContext {
  readonly group: string;
  readonly topic?: string;
  readonly partition?: number;
  readonly during: 'fetch' | 'commit' | 'handle' | 'position' | 'group';
}

export interface KafkaBusOptions {
  /** Bootstrap brokers, `host:port`. */
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** true: TLS with the system's trusted CAs; an object: TLS with these PEMs. */
  readonly tls?: boolean | KafkaTls;
  readonly sasl?: KafkaSasl;
  /**
   * The adapter does not log. Errors of a call (publish, provision, lag, stop) reject that call; errors of the
   * consumer's background loop (a failed fetch, a handler that rejected, a failed commit) are retried after
   * `retryDelayMs` and reported here, so that the composition root can log or count them.
   */
  readonly onConsumerError?: (error: Error, context: KafkaConsumerErrorContext) => void;
  /** Pause before a failed batch is fetched again. Default 1000 ms. */
  readonly retryDelayMs?: number;
  /** Longest a fetch waits for new messages. Default 500 ms; also bounds how long stop() waits for a fetch. */
  readonly maxWaitMs?: number;
  /** Consumer group session timeout. Default 10000 ms. */
  readonly sessionTimeoutMs?: number;
  /** Per-request timeout. Default 30000 ms. */
  readonly requestTimeoutMs?: number;
}

/** The connection part shared by the producer, the consumers and the admin client. */
export const clientOptions = (options: KafkaBusOptions, role: string): BaseOptions => {
  const base: BaseOptions = {
    clientId: `${options.clientId}-${role}`,
    bootstrapBrokers: [...options.brokers],
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    connectTimeout: 10_000,
    // Bounded: the caller must hear about a broker that is gone instead of waiting forever.
    retries: 10,
    retryDelay: 500,
  };
  if (options.tls !== undefined && options.tls !== false) {
    const tls: TlsOptions = options.tls === true ? {} : { ...options.tls };
    base.tls = tls;
  }
  if (options.sasl !== undefined) {
    const sasl: SASLOptions = { ...options.sasl };
    base.sasl = sasl;
  }
  return base;
};
