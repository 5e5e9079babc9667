import type { Database } from '../database/database.js';

export interface Migration {
  /** Sortable and never renamed once released, e.g. `0001-event-store`. */
  readonly id: string;
  readonly sql: string;
}

const MIGRATION_LOCK = 'select pg_advisory_xact_lock(1868, 0)';

/**
 * Applies, in id order, every migration not yet recorded. Each runs in its own transaction together with its
 * record, under an advisory lock, so several processes starting at once apply each migration exactly once.
 */
export const runMigrations = async (db: Database, migrations: readonly Migration[]): Promise<string[]> => {
  await db.query('create schema if not exists omnistream');
  await db.query(
    `create table if not exists omnistream.migrations (
       id text primary key,
       applied_at timestamptz not null default now()
     )`,
  );
  const applied: string[] = [];
  for (const migration of [...migrations].sort((a, b) => a.id.localeCompare(b.id))) {
    const ran = await db.transaction(async (tx) => {
      await tx.query(MIGRATION_LOCK);
      const done = await tx.query('select 1 from omnistream.migrations where id = $1', [migration.id]);
      if (done.length > 0) return false;
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('insert into omnistream.migrations (id) values ($1)', [migration.id]);
      return true;
    });
    if (ran) applied.push(migration.id);
  }
  return applied;
};

/** Splits on `;` at line ends outside dollar-quoted bodies, because prepared statements take one command each. */
const splitStatements = (script: string): string[] => {
  const statements: string[] = [];
  let current = '';
  let inDollar = false;
  for (const line of script.split('\n')) {
    current += `${line}\n`;
    if ((line.match(/\$\$/g) ?? []).length % 2 === 1) inDollar = !inDollar;
    if (!inDollar && line.trimEnd().endsWith(';')) {
      statements.push(current.trim());
      current = '';
    }
  }
  if (current.trim() !== '') statements.push(current.trim());
  return statements;
};
