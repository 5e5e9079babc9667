import { PGlite, protocol } from '@electric-sql/pglite';
import type { Database, Session, Sql } from './database.js';

export interface PgliteOptions {
  /** Folder for the data files; absent keeps everything in memory (tests). */
  readonly dataDir?: string;
}

const { serialize } = protocol;
const EXECUTE = serialize.execute({});
const SYNC = serialize.sync();
/** Prepared statements held at most; past this the least recently used is closed (texts are mostly constants). */
const MAX_PREPARED = 1_000;
/** Command tags after which prepared statements still hold; any other (DDL, and DO or CALL, which may run DDL) closes them. */
const KEEPS_PREPARED =
  /^(SELECT|INSERT|UPDATE|DELETE|MERGE|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|SET|SHOW|LISTEN|UNLISTEN|NOTIFY|LOCK|TRUNCATE|COPY|FETCH|MOVE|CLOSE)\b/;

interface Field {
  readonly name: string;
  readonly dataTypeID: number;
}
interface Message {
  readonly name: string;
  readonly text?: string;
  readonly dataTypeIDs?: readonly number[];
  readonly fields?: readonly (Field | string | null)[];
}
type Parser = (raw: string, type: number) => unknown;
/** A named statement: what the server said it takes and returns, with the parser for each returned column. */
interface Prepared {
  readonly name: string;
  readonly paramTypes: readonly number[];
  readonly fields: readonly Field[];
  readonly parsers: readonly (Parser | undefined)[];
}

const concat = (parts: readonly Uint8Array[]): Uint8Array => {
  let length = 0;
  for (const part of parts) length += part.length;
  const message = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    message.set(part, offset);
    offset += part.length;
  }
  return message;
};

/** A parameter of a type PGlite has no serializer for (an enum, say): its text, or an object's JSON. */
const textOf = (value: unknown): string => {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'bigint':
    case 'boolean':
      return String(value);
    case 'object':
    case 'function':
    case 'symbol':
    case 'undefined':
      return JSON.stringify(value) ?? '';
  }
};

/**
 * The server refused a prepared statement before running it: its result shape changed (0A000, "cached plan must
 * not change result type") or it is gone (26000).
 */
const isStale = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '26000' || (code === '0A000' && /cached plan/.test((error as Error).message));
};

const parseValue = (description: Prepared, raw: string | null, index: number): unknown => {
  if (raw === null) return null;
  const parser = description.parsers[index];
  return parser === undefined ? raw : parser(raw, (description.fields[index] as Field).dataTypeID);
};

const toObject = (description: Prepared, raw: readonly (string | null)[]): Record<string, unknown> => {
  const row: Record<string, unknown> = {};
  for (let index = 0; index < raw.length; index += 1)
    row[(description.fields[index] as Field).name] = parseValue(description, raw[index] ?? null, index);
  return row;
};

const toValues = (description: Prepared, raw: readonly (string | null)[]): unknown[] => {
  const values = new Array<unknown>(raw.length);
  for (let index = 0; index < raw.length; index += 1)
    values[index] = parseValue(description, raw[index] ?? null, index);
  return values;
};

/**
 * Embedded PostgreSQL (WASM) in this process. One connection: transactions are serialised by PGlite's own
 * mutex, which is what makes the embedded shape simple and still correct.
 *
 * Statements are prepared, as the PostgreSQL adapter's driver prepares them: the first time a text is seen it is
 * parsed into a named statement and described (one exchange), and from then on a statement is one exchange of
 * Bind, Execute and Sync, where PGlite's `query` makes six, parses and plans the text each time and describes it
 * twice. A statement costs a third of what it did. Prepared statements are closed when a statement other than DML
 * or transaction control (DDL) runs, and the oldest when too many are held; a statement whose result shape the
 * server says changed under it (DDL out of sight, in a function) is prepared again and, outside a transaction,
 * run again: the server refuses it before running it. Parameters are serialised by PGlite's own serializers for
 * the types the server inferred, and values read by PGlite's own parsers, so rows are what `query` returns.
 * Everything else (locks, transactions, notifications, flushing a data folder after an autocommit statement)
 * stays PGlite's.
 */
export const openPgliteDatabase = async (options: PgliteOptions = {}): Promise<Database> => {
  const db = options.dataDir === undefined ? await PGlite.create() : await PGlite.create(options.dataDir);
  const prepared = new Map<string, Prepared>();
  /** Close messages for statements let go of, sent ahead of the next exchange. */
  let closing: Uint8Array[] = [];
  let statements = 0;

  const exchange = async (parts: readonly Uint8Array[]): Promise<readonly Message[]> => {
    const message = concat(closing.length === 0 ? parts : [...closing, ...parts]);
    closing = [];
    return db.execProtocolStream(message, { syncToFs: false });
  };

  const forget = (text: string): void => {
    const statement = prepared.get(text);
    if (statement === undefined) return;
    prepared.delete(text);
    closing.push(serialize.close({ type: 'S', name: statement.name }));
  };

  const prepare = async (text: string): Promise<Prepared> => {
    const known = prepared.get(text);
    if (known !== undefined) {
      prepared.delete(text); // most recently used last: the first entry is the one to let go of
      prepared.set(text, known);
      return known;
    }
    if (prepared.size >= MAX_PREPARED) forget(prepared.keys().next().value as string);
    statements += 1;
    const name = `omnistream_${statements}`;
    const messages = await exchange([
      serialize.parse({ name, text }),
      serialize.describe({ type: 'S', name }),
      SYNC,
    ]);
    let paramTypes: readonly number[] = [];
    let fields: readonly Field[] = [];
    for (const message of messages) {
      if (message.name === 'parameterDescription') paramTypes = message.dataTypeIDs ?? [];
      else if (message.name === 'rowDescription') fields = message.fields as readonly Field[];
    }
    const statement: Prepared = {
      name,
      paramTypes,
      fields,
      parsers: fields.map((field) => db.parsers[field.dataTypeID] as Parser | undefined),
    };
    prepared.set(text, statement);
    return statement;
  };

  const serializeParams = (params: readonly unknown[], types: readonly number[]): (string | null)[] => {
    const values = new Array<string | null>(params.length);
    for (let index = 0; index < params.length; index += 1) {
      const value = params[index];
      const type = types[index];
      const serializer = type === undefined ? undefined : db.serializers[type];
      values[index] =
        value === null || value === undefined
          ? null
          : serializer !== undefined
            ? serializer(value)
            : textOf(value);
    }
    return values;
  };

  /** Runs one statement; the caller holds PGlite's query lock. */
  const execute = async (
    text: string,
    params: readonly unknown[] | undefined,
    inTransaction: boolean,
    retried = false,
  ): Promise<{ statement: Prepared; rows: (readonly (string | null)[])[] }> => {
    const statement = await prepare(text);
    const values = params === undefined ? [] : serializeParams(params, statement.paramTypes);
    let messages: readonly Message[];
    try {
      messages = await exchange([serialize.bind({ statement: statement.name, values }), EXECUTE, SYNC]);
    } catch (error) {
      if (!isStale(error)) throw error;
      forget(text);
      if (inTransaction || retried) throw error;
      return execute(text, params, inTransaction, true);
    }
    const rows: (readonly (string | null)[])[] = [];
    for (const message of messages) {
      if (message.name === 'dataRow') rows.push(message.fields as readonly (string | null)[]);
      else if (message.name === 'commandComplete' && !KEEPS_PREPARED.test(message.text ?? ''))
        for (const known of [...prepared.keys()]) forget(known);
    }
    return { statement, rows };
  };

  const run = async <T>(inTransaction: boolean, work: () => Promise<T>): Promise<T> => {
    await db._checkReady(); // refuses, as PGlite's own query does, once the database is closing or closed
    return inTransaction
      ? db._runExclusiveQuery(work)
      : db._runExclusiveTransaction(() =>
          db._runExclusiveQuery(async () => {
            const result = await work();
            await db.syncToFs();
            return result;
          }),
        );
  };

  const over = (inTransaction: boolean, isOpen: () => boolean): Sql => {
    const statement = async (text: string, params: readonly unknown[] | undefined) => {
      if (!isOpen()) throw new Error('the transaction has ended; run statements inside it');
      return run(inTransaction, () => execute(text, params, inTransaction));
    };
    return {
      query: async <Row extends object>(text: string, params?: readonly unknown[]) => {
        const { statement: described, rows } = await statement(text, params);
        return rows.map((raw) => toObject(described, raw) as Row);
      },
      queryValues: async (text, params) => {
        const { statement: described, rows } = await statement(text, params);
        return rows.map((raw) => toValues(described, raw));
      },
    };
  };

  const sql = over(false, () => true);
  const session: Session = { ...sql, release: async () => {} };
  return {
    kind: 'pglite',
    concurrentTransactions: false,
    maxConnections: 1,
    ...sql,
    transaction: (work) =>
      db.transaction(async () => {
        let open = true;
        try {
          return await work(over(true, () => open));
        } finally {
          open = false;
        }
      }),
    session: () => Promise.resolve(session),
    listen: async (channel, onNotify) => {
      const unlisten = await db.listen(channel, onNotify);
      return () => unlisten();
    },
    close: () => db.close(),
  };
};
