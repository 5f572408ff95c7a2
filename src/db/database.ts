import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresDialect,
  type SqliteDatabase,
  SqliteDialect,
  type Transaction,
} from 'kysely';
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
  // The commit that takes the WAL past this many pages copies them back into the database file first. At the
  // default 1,000 pages (4 MB) that was every few webhook batches, a third of commit time; at 10,000 a page
  // rewritten by many batches is copied once. A 40 MB WAL stays on disk; reads check the WAL index first.
  sqlite.pragma('wal_autocheckpoint = 10000');
  const db = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }),
  });
  return { db, kind: 'sqlite', destroy: () => db.destroy() };
}

/** Several connections write to one SQLite file: the server's, the ingestion thread's (src/modules/inbound/
 * ingest-thread.ts), CLI commands'. A deferred BEGIN that reads and then writes fails at once with SQLITE_BUSY
 * if another connection committed in between; BEGIN IMMEDIATE takes the write lock first, waiting for it up to
 * busy_timeout, so a transaction never fails half-way for that reason. */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

/** Kysely prepares every statement it runs; compiling the same SQL again costs more than running a small
 * insert. Statements are reused (most recently used kept). Safe because Kysely runs one query at a time on its
 * one SQLite connection. */
function withStatementCache(sqlite: SQLite.Database, size = 500): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(query: string) {
      let statement = cache.get(query);
      if (statement) cache.delete(query);
      else {
        statement = sqlite.prepare(query);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(query, statement);
      return statement;
    },
  };
}
