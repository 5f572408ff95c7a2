// Archive search, item history, permissions, retention and legal holds, on SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { heldIds, isUnderLegalHold } from '../src/modules/archive/holds.js';
import { applyRetention } from '../src/modules/archive/retention.js';
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
import { type ArchiveSeed, DAY, seedArchive } from './helpers/archive.js';
import { testDbKinds } from './helpers/databases.js';

for (const kind of testDbKinds)
  describe(`archive search and records (${kind})`, () => {
    let t: TestApp;
    let org: Org;
    let admin: Session;
    let auditor: Session;
    let comms: Session;
    let seed: ArchiveSeed;
    const ids = (res: { json(): { items: Array<{ id: string }> } }) =>
      res
        .json()
        .items.map((i) => i.id)
        .sort();

    before(async () => {
      t = await startTestApp(kind);
      org = await createOrg(t);
      admin = await signIn(t, org.adminEmail);
      auditor = await signIn(t, (await addUser(t, org.orgId, ['auditor'])).email);
      comms = await signIn(t, (await addUser(t, org.orgId, ['comms'])).email);
      const author = await addUser(t, org.orgId, ['author']);
      seed = await seedArchive(t, org.orgId, author.id);
    });
    after(() => t.close());

    const search = (s: Session, query: string) => as(t, s)('GET', `/api/v1/archive/search?${query}`);

    it('finds posts by the text of an earlier revision, and hidden or deleted items by full text', async () => {
      const old = await search(auditor, 'q=carnival');
      assert.equal(old.statusCode, 200, old.body);
      assert.deepEqual(ids(old), [seed.posts.edited]);
      assert.equal(old.json().items[0].text, 'Corrected notice about the festival');
      assert.deepEqual(ids(await search(auditor, 'q=bicycle')), [seed.posts.deleted]);
      assert.deepEqual(ids(await search(auditor, 'q=SCUMBAG%20officer')), [seed.items.hidden]);
      assert.deepEqual(
        ids(await search(auditor, 'q=festival')),
        [seed.posts.edited, seed.items.clear].sort(),
      );
      const quoted = await search(auditor, `q=${encodeURIComponent('"crypto" OR NEAR(')}`);
      assert.equal(quoted.statusCode, 200, quoted.body);
    });

    it('filters by kind, account, team, author, category, status and date range', async () => {
      assert.deepEqual(ids(await search(auditor, 'kind=post')), Object.values(seed.posts).sort());
      assert.deepEqual(
        ids(await search(auditor, `kind=inbound&accountId=${seed.otherAccountId}`)),
        [seed.items.blocked, seed.items.clear].sort(),
      );
      const team = ids(await search(auditor, `teamId=${seed.teamId}&kind=post`));
      assert.deepEqual(team, [seed.posts.edited, seed.posts.deleted].sort());
      assert.deepEqual(
        ids(await search(auditor, 'author=angry.example')),
        [seed.items.hidden, seed.items.blocked].sort(),
      );
      assert.deepEqual(
        ids(await search(auditor, `author=${seed.authorId}`)),
        Object.values(seed.posts).sort(),
      );
      assert.deepEqual(
        ids(await search(auditor, 'category=spam')),
        [seed.items.deleted, seed.items.oldSpam].sort(),
      );
      assert.deepEqual(
        ids(await search(auditor, 'status=deleted')),
        [seed.posts.deleted, seed.items.deleted].sort(),
      );
      assert.deepEqual(ids(await search(auditor, 'category=abuse&status=hidden')), [seed.items.hidden]);
      const from = Date.now() - 200 * DAY;
      assert.deepEqual(
        ids(await search(auditor, `from=${from}&to=${Date.now() - 50 * DAY}`)),
        [seed.items.oldSpam, seed.items.oldAbuse].sort(),
      );
    });

    it('pages with a stable cursor, newest first, without repeats', async () => {
      const seen: string[] = [];
      let cursor = '';
      for (let i = 0; i < 20; i++) {
        const res = await search(auditor, `limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(res.statusCode, 200, res.body);
        const page = res.json();
        seen.push(...page.items.map((x: { id: string }) => x.id));
        for (let k = 1; k < page.items.length; k++)
          assert.ok(page.items[k - 1].occurredAt >= page.items[k].occurredAt);
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      assert.equal(seen.length, 9);
      assert.equal(new Set(seen).size, 9);
    });

    it('returns each item with its history', async () => {
      const post = await as(t, auditor)('GET', `/api/v1/archive/items/post/${seed.posts.edited}`);
      assert.equal(post.statusCode, 200, post.body);
      assert.deepEqual(
        post.json().revisions.map((r: { text: string }) => r.text),
        ['Original wording about the carnival parade', 'Corrected notice about the festival'],
      );
      const item = await as(t, auditor)('GET', `/api/v1/archive/items/inbound/${seed.items.hidden}`);
      assert.equal(item.statusCode, 200, item.body);
      const body = item.json();
      assert.equal(body.status, 'hidden');
      assert.ok(
        body.events.some(
          (e: { type: string; action: string }) => e.type === 'action_succeeded' && e.action === 'hide',
        ),
      );
      assert.ok(body.raw);
      assert.equal((await as(t, auditor)('GET', '/api/v1/archive/items/inbound/nope')).statusCode, 404);
    });

    it('lets comms read posts only, and refuses authors and moderators', async () => {
      assert.deepEqual(ids(await search(comms, 'q=scumbag')), []);
      assert.equal((await search(comms, 'q=festival')).json().items.length, 1);
      assert.equal((await search(comms, 'kind=inbound')).statusCode, 403);
      assert.equal(
        (await as(t, comms)('GET', `/api/v1/archive/items/inbound/${seed.items.hidden}`)).statusCode,
        403,
      );
      for (const role of ['author', 'moderator'] as const) {
        const s = await signIn(t, (await addUser(t, org.orgId, [role])).email);
        assert.equal((await search(s, 'q=festival')).statusCode, 403);
        assert.equal(
          (await as(t, s)('GET', `/api/v1/archive/items/post/${seed.posts.plain}`)).statusCode,
          403,
        );
        assert.equal((await as(t, s)('GET', '/api/v1/archive/holds')).statusCode, 403);
        assert.equal((await as(t, s)('GET', '/api/v1/archive/exports')).statusCode, 403);
      }
      assert.equal((await as(t, auditor)('PUT', '/api/v1/archive/retention', { rules: [] })).statusCode, 403);
      assert.equal(
        (
          await as(t, comms)('POST', '/api/v1/archive/holds', {
            name: 'x',
            reason: 'y',
            scope: { query: 'x' },
          })
        ).statusCode,
        403,
      );
    });

    it('refuses bad input with a code', async () => {
      assert.equal((await search(auditor, 'q=%20%21%21')).json().error.code, 'bad_query');
      assert.equal((await search(auditor, 'cursor=garbage')).json().error.code, 'bad_cursor');
      assert.equal((await search(auditor, 'from=10&to=5')).json().error.code, 'bad_range');
      assert.equal((await search(auditor, 'kind=tweet')).statusCode, 400);
      assert.equal((await search(auditor, 'bogus=1')).statusCode, 400);
      const put = (rules: unknown) => as(t, admin)('PUT', '/api/v1/archive/retention', { rules });
      assert.equal((await put([{ kind: 'post', category: 'spam', days: 3 }])).json().error.code, 'bad_rule');
      assert.equal(
        (
          await put([
            { kind: 'inbound', category: 'spam', days: 3 },
            { kind: 'inbound', category: 'spam', days: 4 },
          ])
        ).json().error.code,
        'duplicate_rule',
      );
      assert.equal((await put([{ kind: 'inbound', category: 'spam', days: 0 }])).statusCode, 400);
      const hold = await as(t, admin)('POST', '/api/v1/archive/holds', { name: 'x', reason: 'y', scope: {} });
      assert.equal(hold.json().error.code, 'empty_scope');
    });

    it('legal hold lifecycle: create, list, cover, release (audited), release twice refused', async () => {
      const res = await as(t, auditor)('POST', '/api/v1/archive/holds', {
        name: 'Op Lantern',
        reason: 'Professional standards investigation PS-42',
        scope: { authors: ['old.abuser'] },
      });
      assert.equal(res.statusCode, 201, res.body);
      const hold = res.json();
      assert.equal(
        await isUnderLegalHold(t.ctx.db, org.orgId, { kind: 'inbound', id: seed.items.oldAbuse }),
        true,
      );
      assert.equal(
        await isUnderLegalHold(t.ctx.db, org.orgId, { kind: 'inbound', id: seed.items.oldSpam }),
        false,
      );
      const list = await as(t, admin)('GET', '/api/v1/archive/holds');
      assert.equal(list.json().holds[0].id, hold.id);
      const q = await as(t, admin)('POST', '/api/v1/archive/holds', {
        name: 'Words',
        reason: 'FOI 2026/17',
        scope: { query: 'carnival' },
      });
      assert.equal(
        await isUnderLegalHold(t.ctx.db, org.orgId, { kind: 'post', id: seed.posts.edited }),
        true,
      );
      const release = await as(t, admin)('POST', `/api/v1/archive/holds/${q.json().id}/release`, {
        reason: 'FOI answered',
      });
      assert.equal(release.statusCode, 200, release.body);
      assert.equal(release.json().releaseReason, 'FOI answered');
      assert.equal(
        await isUnderLegalHold(t.ctx.db, org.orgId, { kind: 'post', id: seed.posts.edited }),
        false,
      );
      const again = await as(t, admin)('POST', `/api/v1/archive/holds/${q.json().id}/release`, {
        reason: 'again',
      });
      assert.equal(again.json().error.code, 'already_released');
      const actions = await t.ctx.db
        .selectFrom('audit_record')
        .select('action')
        .where('org_id', '=', org.orgId)
        .where('target_type', '=', 'legal_hold')
        .execute();
      assert.deepEqual(actions.map((a) => a.action).sort(), [
        'archive.hold.created',
        'archive.hold.created',
        'archive.hold.released',
      ]);
    });

    it('retention redacts what is due, keeps held and younger items, and audits counts only', async () => {
      const put = await as(t, admin)('PUT', '/api/v1/archive/retention', {
        rules: [
          { kind: 'inbound', category: 'spam', days: 90 },
          { kind: 'inbound', category: 'abuse', days: 30 },
          { kind: 'post', category: '*', days: 2555 },
        ],
      });
      assert.equal(put.statusCode, 200, put.body);
      assert.equal((await as(t, auditor)('GET', '/api/v1/archive/retention')).json().rules.length, 3);
      const out = await applyRetention(t.ctx, org.orgId);
      assert.deepEqual(out.redacted, { 'inbound:spam': 1 });
      assert.equal(out.held, 1);
      const spam = await as(t, auditor)('GET', `/api/v1/archive/items/inbound/${seed.items.oldSpam}`);
      assert.equal(spam.json().text, '');
      assert.equal(spam.json().author.handle, '[redacted]');
      assert.equal(spam.json().raw, null);
      assert.ok(spam.json().redactedAt);
      assert.ok(spam.json().events.length > 0, 'the append-only event log stays');
      assert.equal(
        (await as(t, auditor)('GET', `/api/v1/archive/items/inbound/${seed.items.oldAbuse}`)).json().text,
        'ancient scumbag insult',
      );
      assert.equal(
        (await search(auditor, 'q=ancient')).json().items.length,
        1,
        'redacted text leaves the index',
      );
      const rec = await t.ctx.db
        .selectFrom('audit_record')
        .select('summary')
        .where('org_id', '=', org.orgId)
        .where('action', '=', 'archive.retention.applied')
        .executeTakeFirstOrThrow();
      assert.ok(!rec.summary.includes('crypto') && !rec.summary.includes('old.spammer'));
      assert.deepEqual(JSON.parse(rec.summary).redactedByCategory, { 'inbound:spam': 1 });
      assert.equal(await heldIds(t.ctx.db, org.orgId, []).then((s) => s.size), 0);
    });
  });
