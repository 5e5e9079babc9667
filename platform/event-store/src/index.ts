export type { Database, Session, Sql, Unlisten } from './database/database.js';
export { openPgliteDatabase, type PgliteOptions } from './database/pglite-database.js';
export { openPostgresDatabase, type PostgresOptions } from './database/postgres-database.js';
export { openDatabase, type DatabaseConfig } from './database/open-database.js';
export { runMigrations, type Migration } from './migrations/run-migrations.js';
export { platformMigrations } from './migrations/index.js';
export type { ExpectedVersion } from './expected-version.js';
export { streamCategory, assertStreamId } from './validate-append.js';
export {
  createEventStore,
  type EventStore,
  type EventStoreOptions,
  type AppendOptions,
  type AppendResult,
  type AppendHook,
  type StreamAppend,
  type ReadStreamOptions,
} from './event-store.js';
export {
  FEED_START,
  compareFeedPositions,
  type FeedPosition,
  type FeedPage,
  type ReadFeedOptions,
} from './feed.js';
export type { Upcaster } from './upcasters.js';
export { createSessionLock, type SessionLock } from './subscriptions/session-lock.js';
export {
  subscribe,
  type CommitWithCheckpoint,
  type Subscription,
  type SubscriptionOptions,
  type SubscriptionSettings,
  type SubscriptionStatus,
} from './subscriptions/subscribe.js';
export {
  createCommandHandler,
  type CommandHandler,
  type CommandHandlerOptions,
  type CommandEventStore,
  type CommandResult,
  type HandleOptions,
} from './command/create-command-handler.js';
export {
  createBatchingCommandHandler,
  type BatchingCommandHandlerOptions,
} from './command/create-batching-command-handler.js';
export { defaultRetryPolicy, type RetryPolicy } from './command/retry-delay.js';
export { createSnapshotStore, type SnapshotStore, type StoredSnapshot } from './snapshots/snapshot-store.js';
export type { SnapshotPolicy } from './snapshots/snapshot-policy.js';
