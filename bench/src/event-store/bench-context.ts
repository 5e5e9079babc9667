import type { EventStore } from '@omnistream/event-store';
import type { Timing } from '../compare-with-ceiling.js';
import type { BenchAdapter } from './bench-adapter.js';

/** What every event-store case runs against: one adapter's database, the store on it, and the timing. */
export interface BenchContext {
  readonly adapter: BenchAdapter;
  readonly store: EventStore;
  readonly timing: Timing;
  /** Pool and group-commit settings of the store, for the notes. */
  readonly storeSettings: string;
}
