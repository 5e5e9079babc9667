/**
 * The one port the event store (and every SQL-backed platform piece) talks to. Two adapters implement it:
 * PGlite in-process and a PostgreSQL server. SQL is written once, in PostgreSQL's dialect, for both.
 *
 * Parameters are `$1..$n`. Wide integers (bigint, xid8) are passed and read as decimal strings and converted at
 * the edge, because the two drivers map them differently.
 */
export interface Sql {
  query<Row extends object = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
  ): Promise<Row[]>;
  /** Rows as arrays in select-list order: no per-row key objects, for the hot read paths. */
  queryValues(text: string, params?: readonly unknown[]): Promise<unknown[][]>;
}

export type Unlisten = () => Promise<void>;

/** A connection held for as long as its owner needs it: session-level advisory locks live here. */
export interface Session extends Sql {
  release(): Promise<void>;
}

export interface Database extends Sql {
  readonly kind: 'pglite' | 'postgres';
  /** False for PGlite: one connection, so transactions run one after another. */
  readonly concurrentTransactions: boolean;
  /** How many statements may usefully run at once (pool size); 1 for PGlite. */
  readonly maxConnections: number;
  /** Runs `work` in one transaction: commit when it resolves, roll back when it throws. */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  /** A dedicated connection; PGlite hands out its only one, shared. */
  session(): Promise<Session>;
  listen(channel: string, onNotify: (payload: string) => void): Promise<Unlisten>;
  close(): Promise<void>;
}
