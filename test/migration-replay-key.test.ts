// The replay table's key change (2026-11-26T0020): digests recorded before the upgrade are kept (event_at 0),
// a delivery's key leads with a time read from its own items, the same bytes are one row, and the migration
// goes down again without losing a digest. Real SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { InboundItem } from '../src/connectors/types.js';
import { type DatabaseHandle, openDatabase } from '../src/db/database.js';
import { createMigrator } from '../src/db/migrate.js';
import { recordDeliveries, replayKeyTime } from '../src/modules/inbound/deliveries.js';
import { createTestDatabaseUrl, type TestDatabase, testDbKinds } from './helpers/databases.js';

const BEFORE = '2026-11-26T0010-analytics-rollups';
const THIS = '2026-11-26T0020-replay-key-time';

const item = (createdAt: number): InboundItem => ({
  ref: { id: `i${createdAt}` },
  kind: 'reply',
  text: 'hello',
  author: { id: 'a', handle: 'a' },
  inReplyTo: null,
  createdAt,
  url: null,
  raw: {},
});

test('replayKeyTime: the earliest item time of every target; 0 without items or with an unknown time', () => {
  const d = (...times: number[][]) => ({
    digest: 'x',
    platform: 'x',
    targets: times.map((ts) => ({ items: ts.map(item) })),
  });
  assert.equal(
    replayKeyTime(d([1_700_000_000_500, 1_700_000_000_100], [1_700_000_000_300])),
    1_700_000_000_100,
  );
  assert.equal(replayKeyTime(d()), 0);
  assert.equal(replayKeyTime(d([])), 0);
  assert.equal(replayKeyTime(d([0, 1_700_000_000_000])), 0, 'an item without a platform time');
  assert.equal(replayKeyTime(d([Number.NaN])), 0);
});

for (const kind of testDbKinds) {
  describe(`replay table key migration (${kind})`, () => {
    let tdb: TestDatabase;
    let handle: DatabaseHandle;
    before(async () => {
      tdb = await createTestDatabaseUrl(kind);
      handle = openDatabase(
        kind === 'sqlite'
          ? { kind: 'sqlite', file: path.join(tdb.dataDir, 'parapet.db') }
          : { kind: 'postgres', url: tdb.databaseUrl! },
      );
    });
    after(async () => {
      await handle?.destroy();
      await tdb?.cleanup();
    });

    test('old digests are kept at event_at 0; new ones key by item time; down keeps every digest', async () => {
      const migrator = createMigrator(handle.db as never);
      assert.equal((await migrator.migrateTo(BEFORE)).error, undefined);
      await sql`insert into inbound_delivery (digest, platform, received_at, expires_at)
        values ('old-digest', 'x', 1, 9999999999999)`.execute(handle.db);

      assert.equal((await migrator.migrateTo(THIS)).error, undefined);
      const kept = await handle.db.selectFrom('inbound_delivery').selectAll().execute();
      assert.deepEqual(
        kept.map((r) => [r.event_at, r.digest]),
        [[0, 'old-digest']],
      );

      const delivery = {
        digest: 'new-digest',
        platform: 'x',
        targets: [{ items: [item(1_700_000_000_123)] }],
      };
      const first = await recordDeliveries(handle.db, [delivery, delivery], 5, 60_000);
      assert.deepEqual([...first], ['new-digest'], 'the same bytes twice in one batch are one row');
      const again = await recordDeliveries(handle.db, [delivery], 6, 60_000);
      assert.equal(again.size, 0, 'the same bytes again are a replay');
      const row = await handle.db
        .selectFrom('inbound_delivery')
        .selectAll()
        .where('digest', '=', 'new-digest')
        .executeTakeFirstOrThrow();
      assert.equal(row.event_at, 1_700_000_000_123);

      assert.equal((await migrator.migrateTo(BEFORE)).error, undefined);
      const down = await sql<{ digest: string }>`select digest from inbound_delivery order by digest`.execute(
        handle.db,
      );
      assert.deepEqual(
        down.rows.map((r) => r.digest),
        ['new-digest', 'old-digest'],
      );
      assert.equal((await migrator.migrateToLatest()).error, undefined);
    });
  });
}
