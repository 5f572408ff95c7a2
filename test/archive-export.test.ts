// Evidence export: requested, built through the job table, downloaded; the ZIP is unzipped and checked
// (manifest hashes, JSON and CSV contents, audit records that verify), and every step is audited.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import type { AuditRecordTable } from '../src/db/schema.js';
import { EXPORT_JOB } from '../src/modules/archive/export-build.js';
import { hashRecord } from '../src/modules/audit/hash-chain.js';
import { verifyAuditChain } from '../src/modules/audit/service.js';
import {
  addUser,
  as,
  createOrg,
  type Org,
  type Session,
  signIn,
  startTestApp,
  type TestApp,
} from './helpers/app.js';
import { type ArchiveSeed, seedArchive } from './helpers/archive.js';
import { testDbKinds } from './helpers/databases.js';
import { makeWorker } from './helpers/jobs.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

for (const kind of testDbKinds)
  describe(`archive evidence export (${kind})`, () => {
    let t: TestApp;
    let org: Org;
    let auditor: Session;
    let seed: ArchiveSeed;

    before(async () => {
      t = await startTestApp(kind);
      org = await createOrg(t);
      auditor = await signIn(t, (await addUser(t, org.orgId, ['auditor'])).email);
      seed = await seedArchive(t, org.orgId, (await addUser(t, org.orgId, ['author'])).id);
    });
    after(() => t.close());

    const runJobs = () => makeWorker(t, { [EXPORT_JOB]: t.ctx.jobHandlers.get(EXPORT_JOB)! }).drain();

    it('builds a ZIP whose manifest hashes, items, CSV and audit records all check out', async () => {
      const req = await as(t, auditor)('POST', '/api/v1/archive/exports', {
        filters: { author: 'angry.example' },
        reason: 'FOI 2026/18: replies by one author',
      });
      assert.equal(req.statusCode, 202, req.body);
      const id = req.json().id as string;
      assert.equal(req.json().status, 'pending');
      const early = await as(t, auditor)('GET', `/api/v1/archive/exports/${id}/download`);
      assert.equal(early.json().error.code, 'export_not_ready');
      await runJobs();
      const listed = (await as(t, auditor)('GET', '/api/v1/archive/exports')).json().exports[0];
      assert.equal(listed.id, id);
      assert.equal(listed.status, 'done', JSON.stringify(listed));
      assert.equal(listed.itemCount, 2);

      const res = await as(t, auditor)('GET', `/api/v1/archive/exports/${id}/download`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/zip');
      assert.equal(sha(res.rawPayload), listed.sha256);
      const files = unzipSync(new Uint8Array(res.rawPayload));
      assert.deepEqual(Object.keys(files).sort(), [
        'audit.jsonl',
        'items.csv',
        'items.json',
        'manifest.json',
      ]);
      const manifest = JSON.parse(strFromU8(files['manifest.json']!));
      assert.equal(manifest.reason, 'FOI 2026/18: replies by one author');
      assert.deepEqual(manifest.filters, { author: 'angry.example' });
      assert.equal(manifest.requestedBy.label.includes('auditor'), true);
      assert.ok(manifest.requestedAt && manifest.generatedAt);
      assert.deepEqual(manifest.files.map((f: { name: string }) => f.name).sort(), [
        'audit.jsonl',
        'items.csv',
        'items.json',
      ]);
      for (const f of manifest.files) assert.equal(sha(files[f.name]!), f.sha256, `${f.name} hash`);

      const items = JSON.parse(strFromU8(files['items.json']!));
      assert.deepEqual(
        items.map((i: { id: string }) => i.id).sort(),
        [seed.items.hidden, seed.items.blocked].sort(),
      );
      const hidden = items.find((i: { id: string }) => i.id === seed.items.hidden);
      assert.equal(hidden.text, 'you absolute scumbag officer');
      assert.ok(hidden.raw, 'raw payload included');
      assert.ok(hidden.events.some((e: { action: string }) => e.action === 'hide'));

      const csv = strFromU8(files['items.csv']!).trim().split('\r\n');
      assert.equal(csv.length, 3);
      assert.ok(csv[0]!.startsWith('kind,id,account_id'));
      assert.ok(csv.some((l) => l.includes(seed.items.blocked) && l.includes('"scumbag again and again"')));

      const records = strFromU8(files['audit.jsonl']!)
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as AuditRecordTable);
      assert.ok(
        records.some((r) => r.target_id === seed.items.hidden),
        "the item's audit records",
      );
      assert.ok(
        records.some((r) => r.action === 'archive.export.requested' && r.target_id === id),
        'the export itself',
      );
      for (const r of records) {
        assert.equal(hashRecord(r), r.hash, `record ${r.seq} hash`);
        const stored = await t.ctx.db
          .selectFrom('audit_record')
          .select('hash')
          .where('id', '=', r.id)
          .executeTakeFirstOrThrow();
        assert.equal(stored.hash, r.hash);
      }
      assert.equal((await verifyAuditChain(t.ctx.db, org.orgId)).ok, true);

      await as(t, auditor)('GET', `/api/v1/archive/exports/${id}/download`);
      const actions = await t.ctx.db
        .selectFrom('audit_record')
        .select('action')
        .where('target_id', '=', id)
        .orderBy('seq')
        .execute();
      assert.deepEqual(
        actions.map((a) => a.action),
        [
          'archive.export.requested',
          'archive.export.completed',
          'archive.export.downloaded',
          'archive.export.downloaded',
        ],
      );
    });

    it('exports full-text matches including earlier revisions', async () => {
      const req = await as(t, auditor)('POST', '/api/v1/archive/exports', {
        filters: { q: 'carnival' },
        reason: 'FOI 2026/19',
      });
      await runJobs();
      const res = await as(t, auditor)('GET', `/api/v1/archive/exports/${req.json().id}/download`);
      const items = JSON.parse(strFromU8(unzipSync(new Uint8Array(res.rawPayload))['items.json']!));
      assert.equal(items.length, 1);
      assert.equal(items[0].revisions.length, 2);
    });

    it('refuses bad requests and other roles', async () => {
      const post = (s: Session, body: unknown) => as(t, s)('POST', '/api/v1/archive/exports', body);
      assert.equal((await post(auditor, { filters: {} })).statusCode, 400);
      assert.equal((await post(auditor, { filters: { nope: 1 }, reason: 'x' })).statusCode, 400);
      assert.equal(
        (await post(auditor, { filters: { q: '!!' }, reason: 'x' })).json().error.code,
        'bad_query',
      );
      const comms = await signIn(t, (await addUser(t, org.orgId, ['comms'])).email);
      assert.equal((await post(comms, { filters: {}, reason: 'x' })).statusCode, 403);
      assert.equal((await as(t, auditor)('GET', '/api/v1/archive/exports/nope/download')).statusCode, 404);
    });
  });
