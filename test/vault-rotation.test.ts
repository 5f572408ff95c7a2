// `parapet vault rotate-key` run as an operator would, in a child process, while a server keeps running
// on the same database and key file: secrets keep opening during and after, and the old key is finished.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config/config.js';
import { createAppContext } from '../src/context.js';
import { createLogger } from '../src/logger.js';
import { type RunningServer, startParapet } from '../src/main.js';
import { decryptSecret, type Envelope } from '../src/modules/vault/envelope.js';
import { keyIdOf, readKeyringFile } from '../src/modules/vault/keyring.js';
import { VaultKeyMismatchError } from '../src/modules/vault/vault.js';
import { createTestDatabaseUrl, type TestDatabase, testDbKinds } from './helpers/databases.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parapet(args: string[], env: Record<string, string>, stdin = '') {
  return new Promise<{ code: number | null; out: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/parapet', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', ...env },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
    child.stdin.end(stdin);
  });
}

const settingsOf = (db: TestDatabase, extra: Record<string, string> = {}) => ({
  PARAPET_DATA_DIR: db.dataDir,
  ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
  ...extra,
});
const start = (db: TestDatabase, extra: Record<string, string> = {}) =>
  startParapet(
    loadConfig({ ...settingsOf(db, extra), PORT: '0', LOG_LEVEL: 'silent', PARAPET_ROLES: 'api' }),
    () => {},
  );

async function storeMany(server: RunningServer, n: number, tag: string) {
  const ids = new Map<string, string>();
  for (let i = 0; i < n; i++) {
    const plaintext = `secret-${tag}-${i}-${randomBytes(4).toString('hex')}`;
    ids.set(
      await server.ctx.vault.store(server.ctx.db, { purpose: 'test', orgId: null, plaintext }),
      plaintext,
    );
  }
  return ids;
}

for (const kind of testDbKinds) {
  describe(`vault master key rotation (${kind})`, () => {
    let db: TestDatabase;
    before(async () => {
      db = await createTestDatabaseUrl(kind);
    });
    after(() => db.cleanup());

    test('key file: rotate while the server runs; secrets keep opening, the old key opens nothing, 0600', async () => {
      const server = await start(db);
      const file = path.join(db.dataDir, 'master.key');
      const oldKey = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
      assert.equal(oldKey.length, 32, 'first run writes the legacy single-key format');
      const secrets = await storeMany(server, 250, 'before'); // more than one batch
      let stop = false;
      // The server keeps storing and revealing while the rotation runs in another process.
      const traffic = (async () => {
        let n = 0;
        while (!stop) {
          const more = await storeMany(server, 1, `during-${n++}`);
          for (const [id, plain] of more) secrets.set(id, plain);
          const [someId, somePlain] = [...secrets][n % secrets.size]!;
          assert.equal(await server.ctx.vault.reveal(server.ctx.db, someId), somePlain);
          await new Promise((r) => setTimeout(r, 5));
        }
      })();
      try {
        const run = await parapet(['vault', 'rotate-key', '--settle-ms', '200'], settingsOf(db));
        assert.equal(run.code, 0, run.out);
        assert.match(run.out, /Re-wrapped \d+ data key/);
      } finally {
        stop = true;
        await traffic;
      }
      const ring = readKeyringFile(file);
      assert.equal(ring.keys.size, 1, 'the old key is retired from the file');
      assert.notEqual(ring.primary, keyIdOf(oldKey));
      assert.equal(statSync(file).mode & 0o777, 0o600);
      for (const [id, plain] of secrets)
        assert.equal(await server.ctx.vault.reveal(server.ctx.db, id), plain);
      // Stored after the rotation: under the new key straight away.
      const after = await storeMany(server, 1, 'after');
      for (const [id, plain] of after) secrets.set(id, plain);
      const rows = await server.ctx.db
        .selectFrom('vault_secret')
        .select(['id', 'envelope', 'key_id'])
        .execute();
      for (const row of rows) {
        assert.equal(row.key_id, ring.primary, `row ${row.id} is under the new key`);
        const envelope = JSON.parse(row.envelope) as Envelope;
        assert.equal(envelope.kid, ring.primary);
        assert.throws(() => decryptSecret(oldKey, envelope, row.id), 'the old key alone cannot open it');
      }
      await server.stop();

      const again = await start(db);
      try {
        for (const [id, plain] of secrets)
          assert.equal(await again.ctx.vault.reveal(again.ctx.db, id), plain);
      } finally {
        await again.stop();
      }
    });

    test('a start with the retired old key, or any other key, stops with the clear message', async () => {
      for (const key of [randomBytes(32)]) {
        await assert.rejects(
          createAppContext(loadConfig({ ...settingsOf(db), PARAPET_MASTER_KEY: key.toString('base64') }), {
            logger: createLogger('silent'),
          }),
          (err: unknown) =>
            err instanceof VaultKeyMismatchError &&
            /cannot open the secrets already stored/.test(err.message),
        );
      }
      const file = path.join(db.dataDir, 'master.key');
      const saved = readFileSync(file);
      writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
      try {
        await assert.rejects(start(db), VaultKeyMismatchError);
      } finally {
        writeFileSync(file, saved);
      }
      const ok = await start(db);
      await ok.stop();
    });

    test('environment keys: the new key must be given; PREVIOUS keeps old secrets open during the switch', async () => {
      const envDb = await createTestDatabaseUrl(kind);
      try {
        const oldKey = randomBytes(32).toString('base64');
        const newKey = randomBytes(32).toString('base64');
        const first = await start(envDb, { PARAPET_MASTER_KEY: oldKey });
        const secrets = await storeMany(first, 5, 'env');
        await first.stop();

        const refused = await parapet(
          ['vault', 'rotate-key'],
          settingsOf(envDb, { PARAPET_MASTER_KEY: oldKey }),
        );
        assert.equal(refused.code, 2, refused.out);
        assert.match(refused.out, /--new-key-env NAME or --new-key-stdin/);

        // Step 1: run with the new key and the old one as previous; old secrets still open.
        const switching = { PARAPET_MASTER_KEY: newKey, PARAPET_MASTER_KEY_PREVIOUS: oldKey };
        const during = await start(envDb, switching);
        for (const [id, plain] of secrets)
          assert.equal(await during.ctx.vault.reveal(during.ctx.db, id), plain);
        // Step 2: rotate (new key from stdin here), while that server runs.
        const run = await parapet(
          ['vault', 'rotate-key', '--new-key-stdin', '--settle-ms', '50'],
          settingsOf(envDb, switching),
          `${newKey}\n`,
        );
        assert.equal(run.code, 0, run.out);
        assert.doesNotMatch(run.out, new RegExp(newKey.replace(/[+/=]/g, '.')), 'the key is never printed');
        for (const [id, plain] of secrets)
          assert.equal(await during.ctx.vault.reveal(during.ctx.db, id), plain);
        await during.stop();

        // Step 3: the new key alone opens everything; the old key alone no longer starts.
        const final = await start(envDb, { PARAPET_MASTER_KEY: newKey });
        for (const [id, plain] of secrets)
          assert.equal(await final.ctx.vault.reveal(final.ctx.db, id), plain);
        await final.stop();
        await assert.rejects(start(envDb, { PARAPET_MASTER_KEY: oldKey }), VaultKeyMismatchError);
      } finally {
        await envDb.cleanup();
      }
    });
  });
}
