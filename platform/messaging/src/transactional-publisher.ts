import type { Sql } from '@omnistream/event-store';
import type { Bus, DeliveryReport, OutgoingMessage } from './bus.js';

/**
 * A bus whose log lives in the platform database can publish inside a caller's transaction. The outbox relay uses
 * it so that messages and the relay's checkpoint commit together (exactly once onto the bus), and because on PGlite
 * (one connection) a publish outside the relay's open transaction would wait for it forever.
 */
export interface TransactionalPublisher {
  publishIn(tx: Sql, messages: readonly OutgoingMessage[]): Promise<DeliveryReport[]>;
}

export const canPublishInTransaction = (bus: Bus): bus is Bus & TransactionalPublisher =>
  typeof (bus as Partial<TransactionalPublisher>).publishIn === 'function';
