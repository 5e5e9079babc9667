import postgres from 'postgres';
import { createConnectionSlots } from './connection-slots.js';
import type { Database, Session, Sql } from './database.js';

export interface PostgresOptions {
  readonly url: string;
  /** Pool size. */
  readonly maxConnections?: number;
  /**
   * A session idle inside a transaction holds the global feed back for every subscriber (DESIGN.md); the server
   * ends it after this long.
   */
  readonly idleInTransactionTimeoutMs?: number;
  readonly statementTimeoutMs?: number;
}

type Client = postgres.Sql | postgres.TransactionSql | postgres.ReservedSql;

const run = async <Row extends object>(
  client: Client,
  text: string,
  params?: readonly unknown[],
): Promise<Row[]> => {
  const rows = await client.unsafe(text, (params ?? []) as postgres.ParameterOrJSON<never>[], {
    prepare: true,
  });
  return rows as unknown as Row[];
};

const runValues = async (client: Client, text: string, params?: readonly unknown[]): Promise<unknown[][]> =>
  await client.unsafe(text, (params ?? []) as postgres.ParameterOrJSON<never>[], { prepare: true }).values();

const over = (client: Client): Sql => ({
  query: (text, params) => run(client, text, params),
  queryValues: (text, params) => runValues(client, text, params),
});

/** A PostgreSQL server through the `postgres` driver (pipelined, prepared statements). */
export const openPostgresDatabase = async (options: PostgresOptions): Promise<Database> => {
  const connect = (max: number) =>
    postgres(options.url, {
      max,
      onnotice: () => {},
      // Wide integers arrive as strings; callers convert them explicitly.
      types: {},
      connection: {
        application_name: 'omnistream',
        idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? 60_000,
        ...(options.statementTimeoutMs === undefined
          ? {}
          : { statement_timeout: options.statementTimeoutMs }),
      },
    });
  // Single-connection clients in slots of our own, not one client with a pool of `maxConnections`: see
  // connection-slots.ts for the driver's pool queues that slow down under steady load.
  const slots = createConnectionSlots(options.maxConnections ?? 10, () => connect(1));
  const first = slots.clients[0] as postgres.Sql;
  await first`select 1`; // fail at open, not at first use, when the server is unreachable
  // Once closing, new work is refused here, before the driver: the driver queues a write for the next turn of the
  // event loop and, if the pool ends before that turn, throws from a timer (an uncaught TypeError). `close` lets the
  // writes already queued go first.
  let closing = false;
  const open = (): void => {
    if (closing) throw new Error('the PostgreSQL database is closed');
  };
  return {
    kind: 'postgres',
    concurrentTransactions: true,
    maxConnections: slots.size,
    query: async <Row extends object>(text: string, params?: readonly unknown[]) => {
      open();
      return slots.statement((client) => run<Row>(client, text, params));
    },
    queryValues: async (text, params) => {
      open();
      return slots.statement((client) => runValues(client, text, params));
    },
    transaction: async <T>(work: (tx: Sql) => Promise<T>) => {
      open();
      return slots.transaction(async (client) => (await client.begin((tx) => work(over(tx)))) as T);
    },
    // A client of its own with one connection, not the driver's `reserve()`: a reserved connection that the
    // server cuts throws from a timer and never answers again, where a client reconnects. A reconnect loses
    // session state such as advisory locks, so holders re-check what they hold (see session-lock.ts).
    session: async (): Promise<Session> => {
      open();
      const client = connect(1);
      await client`select 1`;
      return { ...over(client), release: () => client.end({ timeout: 5 }) };
    },
    listen: async (channel, onNotify) => {
      open();
      const listening = await first.listen(channel, onNotify);
      return () => listening.unlisten();
    },
    close: async () => {
      closing = true;
      await new Promise((resolve) => setImmediate(resolve));
      await Promise.all(slots.clients.map((client) => client.end({ timeout: 5 })));
    },
  };
};
