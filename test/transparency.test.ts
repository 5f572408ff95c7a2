// The public transparency report: off by default (404 that reveals nothing), enabled by an admin, monthly
// counts by category with small counts suppressed, and no personal data; admins preview it before publishing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ROLES } from '../src/modules/identity/roles.js';
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
import { act } from './helpers/archive.js';
import { testDbKinds } from './helpers/databases.js';
import { insertAccount, insertItem } from './helpers/review-fixtures.js';

const abuse = [{ dictionary: 'abuse', category: 'abuse', term: 'scumbag', start: 0, end: 7 }];
const spam = [{ dictionary: 'spam', category: 'spam', term: 'crypto', start: 0, end: 6 }];

for (const kind of testDbKinds)
  describe(`transparency report (${kind})`, () => {
    let t: TestApp;
    let org: Org;
    let admin: Session;
    let slug: string;
    const secrets: string[] = [];

    before(async () => {
      t = await startTestApp(kind);
      org = await createOrg(t, 'Organisation A');
      admin = await signIn(t, org.adminEmail);
      slug = (
        await t.ctx.db
          .selectFrom('organisation')
          .select('slug')
          .where('id', '=', org.orgId)
          .executeTakeFirstOrThrow()
      ).slug;
      const account = await insertAccount(t, org.orgId, { handle: 'north_police' });
      secrets.push(org.orgId, account, 'north_police');
      for (let i = 0; i < 6; i++) {
        const id = await insertItem(t, org.orgId, account, {
          text: `scumbag number ${i}`,
          authorHandle: `troll${i}.example`,
          matches: abuse,
          notQueued: true,
        });
        await act(t, org.orgId, id, 'hide');
        secrets.push(id, `troll${i}.example`, `scumbag number ${i}`);
      }
      for (let i = 0; i < 2; i++) {
        const id = await insertItem(t, org.orgId, account, {
          text: `crypto ${i}`,
          authorHandle: `spam${i}.example`,
          matches: spam,
          notQueued: true,
        });
        await act(t, org.orgId, id, 'delete');
        await act(t, org.orgId, id, 'block');
        secrets.push(id, `spam${i}.example`);
      }
    });
    after(() => t.close());

    it('is off by default: the page and JSON are a 404 like an unknown organisation', async () => {
      assert.deepEqual((await as(t, admin)('GET', '/api/v1/transparency/settings')).json(), {
        enabled: false,
      });
      const off = await t.app.inject({ method: 'GET', url: `/api/v1/transparency/${slug}` });
      const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/transparency/no-such-org' });
      assert.equal(off.statusCode, 404);
      assert.deepEqual(off.json(), unknown.json());
      assert.equal((await t.app.inject({ method: 'GET', url: `/transparency/${slug}` })).statusCode, 404);
    });

    it('an admin previews it before publishing: same figures and suppression, no personal data', async () => {
      const json = await as(t, admin)('GET', '/api/v1/transparency/settings/preview');
      assert.equal(json.statusCode, 200, json.body);
      assert.equal(json.headers['cache-control'], 'private, no-store');
      const report = json.json();
      assert.equal(report.organisation, 'Organisation A');
      assert.equal(report.suppressedBelow, 5);
      assert.equal(report.months.length, 12);
      const month = report.months[report.months.length - 1];
      assert.equal(month.month, new Date().toISOString().slice(0, 7));
      assert.deepEqual(month.totals, { hidden: 6, removed: '<5', blocked: '<5' });
      assert.deepEqual(month.byCategory, [
        { category: 'abuse', hidden: 6, removed: '<5', blocked: '<5' },
        { category: 'spam', hidden: '<5', removed: '<5', blocked: '<5' },
      ]);
      const html = await as(t, admin)('GET', '/transparency-preview');
      assert.equal(html.statusCode, 200, html.body);
      assert.match(html.headers['content-type'] as string, /text\/html/);
      assert.equal(html.headers['cache-control'], 'private, no-store');
      assert.match(html.body, /Transparency report: Organisation A/);
      assert.match(html.body, /Not published yet/);
      assert.match(html.body, /<meta name="robots" content="noindex">/);
      assert.match(html.body, /<td>abuse<\/td><td>6<\/td><td>&lt;5|<td>abuse<\/td><td>6<\/td><td><5/);
      for (const body of [json.body, html.body])
        for (const s of secrets) assert.ok(!body.includes(s), `preview leaks ${s}`);
      // Previewing publishes nothing.
      assert.equal((await t.app.inject({ method: 'GET', url: `/transparency/${slug}` })).statusCode, 404);
      assert.equal(
        (await t.app.inject({ method: 'GET', url: `/api/v1/transparency/${slug}` })).statusCode,
        404,
      );
    });

    it('only the roles that manage the setting may preview; other organisations see only their own', async () => {
      for (const role of ROLES) {
        const s = await signIn(t, (await addUser(t, org.orgId, [role])).email);
        const setting = await as(t, s)('GET', '/api/v1/transparency/settings');
        for (const url of ['/api/v1/transparency/settings/preview', '/transparency-preview']) {
          const res = await as(t, s)('GET', url);
          assert.equal(res.statusCode, role === 'admin' ? 200 : 403, `${role} ${url}: ${res.body}`);
          assert.equal(res.statusCode, setting.statusCode, `${role}: preview and setting disagree`);
          if (res.statusCode === 403) {
            assert.equal(res.json().error.code, 'forbidden');
            for (const x of secrets) assert.ok(!res.body.includes(x));
          }
        }
      }
      for (const url of ['/api/v1/transparency/settings/preview', '/transparency-preview']) {
        const anon = await t.app.inject({ method: 'GET', url });
        assert.equal(anon.statusCode, 401, url);
        assert.equal(anon.json().error.code, 'unauthenticated');
      }
      const other = await createOrg(t, 'Organisation B');
      const otherAdmin = await signIn(t, other.adminEmail);
      const theirsRes = await as(t, otherAdmin)('GET', '/api/v1/transparency/settings/preview');
      for (const x of secrets) assert.ok(!theirsRes.body.includes(x), `org B sees ${x}`);
      const theirs = theirsRes.json();
      assert.equal(theirs.organisation, 'Organisation B');
      for (const m of theirs.months) {
        assert.deepEqual(m.totals, { hidden: '<5', removed: '<5', blocked: '<5' });
        assert.deepEqual(m.byCategory, []);
      }
    });

    it('only an admin publishes it, audited', async () => {
      const comms = await signIn(t, (await addUser(t, org.orgId, ['comms'])).email);
      assert.equal(
        (await as(t, comms)('PUT', '/api/v1/transparency/settings', { enabled: true })).statusCode,
        403,
      );
      assert.equal(
        (await as(t, admin)('PUT', '/api/v1/transparency/settings', { enabled: 'yes' })).statusCode,
        400,
      );
      const on = await as(t, admin)('PUT', '/api/v1/transparency/settings', { enabled: true });
      assert.deepEqual(on.json(), { enabled: true });
      const rec = await t.ctx.db
        .selectFrom('audit_record')
        .select('action')
        .where('org_id', '=', org.orgId)
        .where('action', '=', 'transparency.settings.updated')
        .execute();
      assert.equal(rec.length, 1);
    });

    it('counts by month and category, suppresses small counts, and shows no personal data', async () => {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/transparency/${slug}` });
      assert.equal(res.statusCode, 200, res.body);
      const report = res.json();
      assert.equal(report.months.length, 12);
      const month = report.months[report.months.length - 1];
      assert.equal(month.month, new Date().toISOString().slice(0, 7));
      assert.deepEqual(month.totals, { hidden: 6, removed: '<5', blocked: '<5' });
      assert.deepEqual(month.byCategory, [
        { category: 'abuse', hidden: 6, removed: '<5', blocked: '<5' },
        { category: 'spam', hidden: '<5', removed: '<5', blocked: '<5' },
      ]);
      const html = await t.app.inject({ method: 'GET', url: `/transparency/${slug}` });
      assert.equal(html.statusCode, 200);
      assert.match(html.headers['content-type'] as string, /text\/html/);
      assert.match(html.body, /Transparency report/);
      for (const body of [res.body, html.body])
        for (const s of secrets) assert.ok(!body.includes(s), `leaks ${s}`);
      // Once published, the preview is exactly the public report, and says so.
      const preview = (await as(t, admin)('GET', '/api/v1/transparency/settings/preview')).json();
      assert.deepEqual({ ...preview, generatedAt: '' }, { ...report, generatedAt: '' });
      const page = await as(t, admin)('GET', '/transparency-preview');
      assert.match(page.body, /This report is published/);
      assert.doesNotMatch(html.body, /Preview|noindex/);
    });

    it('withdrawn again, it is a 404 once more', async () => {
      await as(t, admin)('PUT', '/api/v1/transparency/settings', { enabled: false });
      assert.equal(
        (await t.app.inject({ method: 'GET', url: `/api/v1/transparency/${slug}` })).statusCode,
        404,
      );
    });
  });
