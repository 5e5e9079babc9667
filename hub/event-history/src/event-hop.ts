/** Where an event was when the hop was recorded. */
export const HOPS = ['proxy', 'relay', 'consumer', 'connector'] as const;
export type Hop = (typeof HOPS)[number];

/**
 * What happened there: `published` onto a topic (by the proxy, the outbox relay or a source connector);
 * `delivered` to, `retried` by or `dead-lettered` at a consumer or sink connector.
 */
export const HOP_OUTCOMES = ['published', 'delivered', 'retried', 'dead-lettered'] as const;
export type HopOutcome = (typeof HOP_OUTCOMES)[number];

/** One hop of one event, as a component reports it. Recording the same hop, outcome and attempt twice is a no-op. */
export interface EventHop {
  readonly eventId: string;
  readonly hop: Hop;
  /** The consumer group, the producer's API key id or the connector's name. */
  readonly component: string;
  readonly outcome: HopOutcome;
  readonly attempt?: number;
  readonly error?: string;
  readonly at: Date;
}

/** A hop as the history returns it. */
export interface RecordedHop {
  readonly hop: Hop;
  readonly component: string;
  readonly outcome: HopOutcome;
  readonly attempt: number | null;
  readonly error: string | null;
  readonly at: Date;
}
