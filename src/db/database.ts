import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Config } from '../config/config.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database> | Transaction<Database>;
export type DatabaseKind = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  destroy(): Promise<void>;
}

// PostgreSQL returns BIGINT as a string; our bigints are epoch milliseconds, well inside 2^53.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));

export function openDatabase(config: Config['database']): DatabaseHandle {
  if (config.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: config.url, max: 10 });
    // An idle connection closed by the server (restart, failover, pg_terminate_backend) is re-emitted here;
    // unhandled it would crash the process. The pool has already discarded it and the next query reconnects.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', destroy: () => db.destroy() };
  }
  mkdirSync(path.dirname(config.file), { recursive: true });
  const sqlite = new SQLite(config.file);
  sqlite.pragma('journal_mode = WAL');
  // FULL: each commit fsyncs the WAL, so what was acknowledged (a webhook delivery answered 200, an API write)
  // survives a power loss, not only a process crash (NORMAL). Group commit shares one fsync among a batch of
  // deliveries: +4–7 ms per commit on this disk, within run-to-run noise of bench/inbound-webhooks.ts.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // CLI commands may write while the server runs: wait for the lock rather than fail.
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, kind: 'sqlite', destroy: () => db.destroy() };
}
