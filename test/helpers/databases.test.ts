import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createTestDatabaseUrl, testDbKinds } from './databases.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

void describe('test databases', () => {
  void test('postgres is included whenever PARAPET_TEST_PG_URL is set, and always in CI', () => {
    assert.equal(testDbKinds[0], 'sqlite');
    if (process.env.PARAPET_TEST_PG_URL || process.env.CI === 'true') {
      assert.deepEqual(testDbKinds, ['sqlite', 'postgres']);
    }
  });

  void test('importing the helper in CI without PARAPET_TEST_PG_URL throws instead of skipping postgres', () => {
    const { PARAPET_TEST_PG_URL: _, ...env } = process.env;
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', "await import('./test/helpers/databases.ts')"],
      { cwd: root, env: { ...env, CI: 'true' }, encoding: 'utf8' },
    );
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /PARAPET_TEST_PG_URL is not set/);
  });

  for (const kind of testDbKinds) {
    void test(`${kind}: creates a fresh database, then cleans it up`, async () => {
      const db = await createTestDatabaseUrl(kind);
      assert.ok(existsSync(db.dataDir));
      if (kind === 'sqlite') {
        assert.equal(db.databaseUrl, undefined);
      } else {
        assert.match(db.databaseUrl ?? '', /^postgres:\/\/.+\/t_[0-9a-f]{16}$/);
        const client = new pg.Client({ connectionString: db.databaseUrl });
        await client.connect();
        const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
        await client.end();
        assert.equal(`/${rows[0]?.db}`, new URL(db.databaseUrl!).pathname);
      }
      await db.cleanup();
      await db.cleanup(); // idempotent
      assert.ok(!existsSync(db.dataDir));
      if (kind === 'postgres') {
        const admin = new pg.Client({ connectionString: process.env.PARAPET_TEST_PG_URL });
        await admin.connect();
        const name = new URL(db.databaseUrl!).pathname.slice(1);
        const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        await admin.end();
        assert.equal(rowCount, 0);
      }
    });
  }
});
