// Configuration: defaults, one clear error per bad setting, and the config file under the environment.
// Unit tests: no database; readRawSettings always gets its own env object, never process.env.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../src/config/config.js';
import { readRawSettings } from '../src/config/env.js';

const GOOD_KEY = Buffer.alloc(32, 7).toString('base64');

function expectConfigError(raw: Record<string, string>, setting: string) {
  assert.throws(
    () => loadConfig(raw, '/srv/parapet'),
    (err: unknown) => {
      assert.ok(
        err instanceof ConfigError,
        `expected a ConfigError for ${JSON.stringify(raw)}, got ${String(err)}`,
      );
      assert.equal(err.setting, setting);
      assert.ok(err.message.startsWith(`${setting}: `), err.message);
      return true;
    },
  );
}

describe('loadConfig', () => {
  test('defaults: 127.0.0.1:8080, ./data, SQLite file under it, both roles', () => {
    const c = loadConfig({}, '/srv/parapet');
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.port, 8080);
    assert.equal(c.publicUrl, 'http://127.0.0.1:8080');
    assert.equal(c.dataDir, '/srv/parapet/data');
    assert.deepEqual(c.database, { kind: 'sqlite', file: '/srv/parapet/data/parapet.db' });
    assert.deepEqual(c.roles, ['api', 'worker']);
    assert.equal(c.logLevel, 'info');
    assert.equal(c.trustProxy, false);
    assert.equal(c.admin, undefined);
    assert.equal(c.masterKey, undefined);
  });

  test('good values are taken', () => {
    const c = loadConfig(
      {
        HOST: '0.0.0.0',
        PORT: '9000',
        PARAPET_DATA_DIR: 'var',
        DATABASE_URL: 'postgres://u:p@db.internal:5432/parapet',
        PARAPET_ROLES: 'worker',
        LOG_LEVEL: 'debug',
        PARAPET_TRUST_PROXY: 'yes',
        PARAPET_PUBLIC_URL: 'https://parapet.example.org/',
        PARAPET_MASTER_KEY: GOOD_KEY,
        PARAPET_ADMIN_EMAIL: 'admin@example.org',
        PARAPET_ADMIN_PASSWORD: 'a long enough password',
      },
      '/srv/parapet',
    );
    assert.equal(c.port, 9000);
    assert.equal(c.dataDir, '/srv/parapet/var');
    assert.deepEqual(c.database, { kind: 'postgres', url: 'postgres://u:p@db.internal:5432/parapet' });
    assert.deepEqual(c.roles, ['worker']);
    assert.equal(c.logLevel, 'debug');
    assert.equal(c.trustProxy, true);
    assert.equal(c.publicUrl, 'https://parapet.example.org');
    assert.equal(c.masterKey, GOOD_KEY);
    assert.equal(c.admin?.email, 'admin@example.org');
    assert.deepEqual(loadConfig({ PARAPET_ROLES: 'api, worker,api' }).roles, ['api', 'worker']);
    assert.equal(loadConfig({ PORT: '0' }).port, 0);
  });

  const bad: Array<[string, Record<string, string>, string]> = [
    ['PORT=abc', { PORT: 'abc' }, 'PORT'],
    ['PORT=70000', { PORT: '70000' }, 'PORT'],
    ['PORT=-1', { PORT: '-1' }, 'PORT'],
    ['PARAPET_ROLES=web', { PARAPET_ROLES: 'web' }, 'PARAPET_ROLES'],
    ['DATABASE_URL=mysql://…', { DATABASE_URL: 'mysql://u:p@localhost/parapet' }, 'DATABASE_URL'],
    ['LOG_LEVEL=loud', { LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    ['admin e-mail without password', { PARAPET_ADMIN_EMAIL: 'a@example.org' }, 'PARAPET_ADMIN_PASSWORD'],
    [
      'admin password without e-mail',
      { PARAPET_ADMIN_PASSWORD: 'a long enough password' },
      'PARAPET_ADMIN_EMAIL',
    ],
    [
      'short admin password',
      { PARAPET_ADMIN_EMAIL: 'a@example.org', PARAPET_ADMIN_PASSWORD: 'short' },
      'PARAPET_ADMIN_PASSWORD',
    ],
    [
      'admin e-mail that is not one',
      { PARAPET_ADMIN_EMAIL: 'nobody', PARAPET_ADMIN_PASSWORD: 'a long enough password' },
      'PARAPET_ADMIN_EMAIL',
    ],
    ['bad PARAPET_MASTER_KEY', { PARAPET_MASTER_KEY: 'dG9vIHNob3J0' }, 'PARAPET_MASTER_KEY'],
    ['PARAPET_TRUST_PROXY=maybe', { PARAPET_TRUST_PROXY: 'maybe' }, 'PARAPET_TRUST_PROXY'],
    ['PARAPET_PUBLIC_URL=ftp://x', { PARAPET_PUBLIC_URL: 'ftp://x' }, 'PARAPET_PUBLIC_URL'],
    ['PARAPET_PUBLIC_URL not a URL', { PARAPET_PUBLIC_URL: 'parapet.example.org' }, 'PARAPET_PUBLIC_URL'],
  ];
  for (const [label, raw, setting] of bad) {
    test(`${label} stops with a ConfigError naming ${setting}`, () => expectConfigError(raw, setting));
  }

  test('a bad value is named even when other settings are fine', () => {
    expectConfigError(
      { HOST: '127.0.0.1', PORT: '8081', LOG_LEVEL: 'loud', PARAPET_DATA_DIR: '/tmp/x' },
      'LOG_LEVEL',
    );
  });
});

describe('readRawSettings', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'parapet-config-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('the environment overrides the PARAPET_CONFIG file (YAML)', async () => {
    const file = path.join(dir, 'parapet.yaml');
    await writeFile(file, 'PORT: 9100\nLOG_LEVEL: warn\nPARAPET_TRUST_PROXY: true\nHOST: 10.0.0.5\n');
    const raw = readRawSettings({ PARAPET_CONFIG: file, PORT: '9200', HOST: '' });
    assert.equal(raw.PORT, '9200', 'env wins');
    assert.equal(raw.LOG_LEVEL, 'warn', 'file fills in');
    assert.equal(raw.HOST, '10.0.0.5', 'an empty env value does not hide the file');
    const c = loadConfig(raw);
    assert.equal(c.port, 9200);
    assert.equal(c.logLevel, 'warn');
    assert.equal(c.trustProxy, true);
    assert.equal(c.host, '10.0.0.5');
  });

  test('a bad value from the file is reported under its setting name', async () => {
    const file = path.join(dir, 'bad.yaml');
    await writeFile(file, 'PORT: seventy\n');
    expectConfigError(readRawSettings({ PARAPET_CONFIG: file }) as Record<string, string>, 'PORT');
  });

  test('a missing or malformed config file is an error naming PARAPET_CONFIG', async () => {
    const list = path.join(dir, 'list.yaml');
    await writeFile(list, '- PORT\n- 8080\n');
    const broken = path.join(dir, 'broken.yaml');
    await writeFile(broken, 'PORT: [unclosed\n');
    for (const file of [path.join(dir, 'does-not-exist.yaml'), list, broken]) {
      assert.throws(
        () => readRawSettings({ PARAPET_CONFIG: file }),
        (err: unknown) =>
          err instanceof ConfigError && err.setting === 'PARAPET_CONFIG' && err.message.includes(file),
        file,
      );
    }
  });

  test('without PARAPET_CONFIG only the given env object is read', () => {
    const raw = readRawSettings({ PORT: '1234' });
    assert.equal(raw.PORT, '1234');
    assert.equal(raw.PATH, undefined, 'process.env is not consulted');
  });
});
