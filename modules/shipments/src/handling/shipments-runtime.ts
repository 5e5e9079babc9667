import type { Clock, CommandMetadata } from '@omnistream/kernel';
import type { EventStore } from '@omnistream/event-store';
import type { Carrier } from '../carriers/carrier.js';
import type { ShipmentsConfig } from '../config/shipments-config.js';
import type { ShipmentIndex } from '../read-models/shipment-index.js';
import type { ShipmentsHandlers } from '../shipments-handlers.js';

/** What the shipment use cases share: the handler, the configured carriers, the read model, the clock. */
export interface ShipmentsRuntime {
  readonly eventStore: EventStore;
  readonly handlers: ShipmentsHandlers;
  readonly carriers: ReadonlyMap<string, Carrier>;
  readonly config: ShipmentsConfig;
  readonly index: ShipmentIndex;
  readonly clock: Clock;
}

/** Metadata of a command the module issues itself; callers' correlation ids carry through. */
export const moduleMetadata = (clock: Clock, from: Partial<CommandMetadata> = {}): CommandMetadata => ({
  ...from,
  now: clock.now().toISOString(),
});
