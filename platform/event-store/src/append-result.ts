import type { EventEnvelope } from '@omnistream/kernel';

/** What a successful append returns. */
export interface AppendResult {
  readonly streamId: string;
  /** The stream's version after this append: pass it as the next expected version. */
  readonly nextExpectedVersion: number;
  /** The committed events, in stream order. */
  readonly events: readonly EventEnvelope[];
  /** True when every event was already stored by an earlier append: nothing new was written. */
  readonly duplicate: boolean;
}
