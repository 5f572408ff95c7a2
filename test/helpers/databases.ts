// Test databases for both back ends. Tests loop over `testDbKinds` and call `createTestDatabaseUrl(kind)`:
//   sqlite   -> a fresh temp dataDir, databaseUrl undefined (the app then uses <dataDir>/parapet.db)
//   postgres -> a fresh database on the run's throwaway cluster (PARAPET_TEST_PG_URL, started by
//               scripts/run-tests.mjs) plus a fresh temp dataDir
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export type TestDbKind = 'sqlite' | 'postgres';

export interface TestDatabase {
  databaseUrl: string | undefined;
  dataDir: string;
  cleanup(): Promise<void>;
}

const pgUrl = process.env.PARAPET_TEST_PG_URL;
if (!pgUrl && process.env.CI === 'true') {
  throw new Error(
    'CI=true but PARAPET_TEST_PG_URL is not set: run the tests with `npm test` (scripts/run-tests.mjs starts ' +
      'a throwaway PostgreSQL cluster); PostgreSQL tests are never skipped in CI.',
  );
}

export const testDbKinds: TestDbKind[] = pgUrl ? ['sqlite', 'postgres'] : ['sqlite'];

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabaseUrl(kind: TestDbKind): Promise<TestDatabase> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'parapet-test-'));
  const removeDir = () => rm(dataDir, { recursive: true, force: true });

  if (kind === 'sqlite') {
    return { databaseUrl: undefined, dataDir, cleanup: removeDir };
  }

  if (!pgUrl) {
    await removeDir();
    throw new Error('PARAPET_TEST_PG_URL is not set; run the tests with `npm test`.');
  }
  const name = `t_${randomBytes(8).toString('hex')}`;
  try {
    await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
  } catch (err) {
    await removeDir();
    throw err;
  }
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;

  let cleaned = false;
  return {
    databaseUrl: url.toString(),
    dataDir,
    async cleanup() {
      if (cleaned) return;
      cleaned = true;
      try {
        await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      } finally {
        await removeDir();
      }
    },
  };
}
