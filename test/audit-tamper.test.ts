// Tampering with the audit log directly in the database is found by the API verify and by `parapet audit verify`.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { systemContext } from '../src/modules/audit/actor.js';
import { hashRecord } from '../src/modules/audit/hash-chain.js';
import { audit } from '../src/modules/audit/record.js';
import { createOrg, type Session, signIn, startTestApp, type TestApp } from './helpers/app.js';
import { chainOf, client } from './helpers/audit.js';
import { testDbKinds } from './helpers/databases.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function runCli(t: TestApp, args: string[]): Promise<{ code: number | null; out: string }> {
  const { DATABASE_URL: _d, PARAPET_CONFIG: _c, PARAPET_MASTER_KEY: _k, ...env } = process.env;
  const dbEnv = t.config.database.kind === 'postgres' ? { DATABASE_URL: t.config.database.url } : {};
  const proc = spawn(process.execPath, ['bin/parapet', ...args], {
    cwd: root,
    env: { ...env, ...dbEnv, PARAPET_DATA_DIR: t.config.dataDir },
  });
  let out = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => proc.once('exit', (code) => resolve({ code, out })));
}

type Scenario = { name: string; slug: string; orgId: string; session: Session; n: number };

// Each kind of tampering gets its own organisation (and chain); "expect" is the first bad seq and the problem.
const SCENARIOS: Record<string, { seq: (n: number) => number; problem: (n: number) => RegExp }> = {
  intact: { seq: () => 0, problem: () => /./ },
  'summary-updated': { seq: () => 3, problem: () => /record #3 \([^)]+\) was altered/ },
  'middle-deleted': { seq: () => 3, problem: () => /record #3 was removed/ },
  'newest-deleted': {
    seq: (n) => n,
    problem: (n) => new RegExp(`chain ends at record #${n - 1} but ${n} records were written`),
  },
  'forged-copy': { seq: () => 3, problem: () => /record #3 \(forged-copy\) was altered/ },
  'forged-rehashed': {
    seq: () => 4,
    problem: () => /record #4 \([^)]+\) was inserted or re-ordered, or record #3 before it was replaced/,
  },
  'appended-past-head': {
    seq: (n) => n + 1,
    problem: (n) => new RegExp(`record #${n + 1} \\(appended\\) was inserted`),
  },
};

for (const kind of testDbKinds) {
  describe(`audit tampering is detected (${kind})`, () => {
    let t: TestApp;
    const orgs = new Map<string, Scenario>();

    before(async () => {
      t = await startTestApp(kind);
      for (const name of Object.keys(SCENARIOS)) {
        const org = await createOrg(t, `Tamper ${name}`);
        const session = await signIn(t, org.adminEmail); // before tampering: signing in appends to the chain
        for (let i = 0; i < 4; i++) {
          await t.ctx.db.transaction().execute((trx) =>
            audit(t.ctx, trx, systemContext('test'), {
              orgId: org.orgId,
              action: 'test.event',
              summary: { i },
            }),
          );
        }
        const { slug } = await t.ctx.db
          .selectFrom('organisation')
          .select('slug')
          .where('id', '=', org.orgId)
          .executeTakeFirstOrThrow();
        orgs.set(name, { name, slug, orgId: org.orgId, session, n: (await chainOf(t, org.orgId)).length });
      }
      await tamper();
    });
    after(() => t.close());

    async function tamper() {
      const db = t.ctx.db;
      const rec = async (name: string, seq: number) =>
        (await chainOf(t, orgs.get(name)!.orgId)).find((r) => r.seq === seq)!;
      const del = (name: string, seq: number) =>
        db
          .deleteFrom('audit_record')
          .where('org_id', '=', orgs.get(name)!.orgId)
          .where('seq', '=', seq)
          .execute();

      await db
        .updateTable('audit_record')
        .set({ summary: '{"reason":"nothing to see"}' })
        .where('org_id', '=', orgs.get('summary-updated')!.orgId)
        .where('seq', '=', 3)
        .execute();
      await del('middle-deleted', 3);
      await del('newest-deleted', orgs.get('newest-deleted')!.n);
      // The original #3 deleted and a copy with a changed summary put in its place, its hash copied...
      const copied = await rec('forged-copy', 3);
      await del('forged-copy', 3);
      await db
        .insertInto('audit_record')
        .values({ ...copied, id: 'forged-copy', summary: '{"forged":true}' })
        .execute();
      // ...or recomputed by a forger who knows the hashing scheme.
      const rehashed = await rec('forged-rehashed', 3);
      await del('forged-rehashed', 3);
      const forged = { ...rehashed, id: 'forged-rehashed', summary: '{"forged":true}' };
      await db
        .insertInto('audit_record')
        .values({ ...forged, hash: hashRecord(forged) })
        .execute();
      // A well-formed record appended without moving the head.
      const s = orgs.get('appended-past-head')!;
      const last = await rec('appended-past-head', s.n);
      const extra = {
        ...last,
        id: 'appended',
        seq: s.n + 1,
        prev_hash: last.hash,
        action: 'user.created',
        summary: '{}',
      };
      await db
        .insertInto('audit_record')
        .values({ ...extra, hash: hashRecord(extra) })
        .execute();
    }

    test('`parapet audit verify` exits 1 and names, per organisation, the first bad record and what happened to it', async () => {
      const { code, out } = await runCli(t, ['audit', 'verify']);
      assert.equal(code, 1, out);
      for (const [name, s] of orgs) {
        const line = out.split('\n').find((l) => l.includes(` ${s.slug}:`));
        assert.ok(line, `no line for ${name} in:\n${out}`);
        if (name === 'intact')
          assert.match(line, new RegExp(`^OK +${s.slug}: ${s.n} records, chain intact$`));
        else
          assert.match(
            line,
            new RegExp(`^BROKEN +${s.slug}: .*${SCENARIOS[name]!.problem(s.n).source}`),
            name,
          );
      }
    });

    test('`parapet audit verify --org` on an intact chain exits 0; on a broken one prints JSON with the first bad seq', async () => {
      const [intact, broken] = await Promise.all([
        runCli(t, ['audit', 'verify', '--org', orgs.get('intact')!.slug]),
        runCli(t, ['audit', 'verify', '--org', orgs.get('middle-deleted')!.slug, '--json']),
      ]);
      assert.equal(intact.code, 0, intact.out);
      assert.match(intact.out, /chain intact/);
      assert.equal(broken.code, 1, broken.out);
      const [result] = JSON.parse(broken.out);
      assert.equal(result.ok, false);
      assert.equal(result.firstBadSeq, 3);
      assert.equal(result.recordsChecked, 2);
    });

    test("POST /api/v1/audit/verify reports the same first bad record to each organisation's admin", async () => {
      for (const [name, s] of orgs) {
        const res = await client(t, s.session)('POST', '/api/v1/audit/verify');
        assert.equal(res.statusCode, 200, `${name}: ${res.body}`);
        const body = res.json();
        if (name === 'intact') {
          assert.deepEqual(body, { ok: true, recordsChecked: s.n, problem: null, firstBadSeq: null });
          continue;
        }
        assert.equal(body.ok, false, name);
        assert.equal(body.firstBadSeq, SCENARIOS[name]!.seq(s.n), name);
        assert.match(body.problem, SCENARIOS[name]!.problem(s.n), name);
      }
    });
  });
}
