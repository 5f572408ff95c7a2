// The review queue: ordering, filters (incl. the team subtree), who sees what, SLA clocks, context,
// templates and settings, on SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newId } from '../src/ids.js';
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
import { testDbKinds } from './helpers/databases.js';
import { grant, insertAccount, insertItem } from './helpers/review-fixtures.js';

const MIN = 60_000;
const welfare = (text: string, term: string) => [
  {
    dictionary: 'welfare',
    category: 'welfare',
    term,
    start: text.indexOf(term),
    end: text.indexOf(term) + term.length,
  },
];
type Row = {
  id: string;
  status: string;
  overdue: boolean;
  remainingMs: number;
  suggestedTemplates: unknown[];
};

for (const kind of testDbKinds) {
  describe(`review queue (${kind})`, () => {
    let t: TestApp;
    let org: Org;
    let admin: Session;
    before(async () => {
      t = await startTestApp(kind);
      org = await createOrg(t);
      admin = await signIn(t, org.adminEmail);
    });
    after(() => t.close());

    const queue = async (s: Session, query = '') => {
      const res = await as(t, s)('GET', `/api/v1/review/queue${query}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as { items: Row[]; counts: Record<string, number> };
    };

    test('safeguarding first, then priority, then oldest; only open items; counts and SLA clock', async () => {
      const o = await createOrg(t);
      const s = await signIn(t, o.adminEmail);
      const acc = await insertAccount(t, o.orgId);
      const now = Date.now();
      const a = await insertItem(t, o.orgId, acc, { priority: 0, receivedAt: now - 180 * MIN });
      const b = await insertItem(t, o.orgId, acc, { priority: 5, receivedAt: now - 60 * MIN });
      const text = 'I want to end it all';
      const c = await insertItem(t, o.orgId, acc, {
        text,
        matches: welfare(text, 'end it all'),
        receivedAt: now - 10 * MIN,
      });
      const d = await insertItem(t, o.orgId, acc, {
        text,
        matches: welfare(text, 'end it all'),
        receivedAt: now - 30 * MIN,
        dueAt: now - 15 * MIN,
      });
      const e = await insertItem(t, o.orgId, acc, { priority: 5, receivedAt: now - 120 * MIN });
      await insertItem(t, o.orgId, acc, { notQueued: true });
      const { items, counts } = await queue(s);
      assert.deepEqual(
        items.map((i) => i.id),
        [d, c, e, b, a],
      );
      assert.deepEqual(counts, {
        safeguarding: 2,
        standard: 3,
        total: 5,
        overdue: 1,
        overdueSafeguarding: 1,
      });
      const first = items[0]!;
      assert.equal(first.overdue, true);
      assert.ok(first.remainingMs < -14 * MIN && first.remainingMs > -16 * MIN, String(first.remainingMs));
      assert.equal(items[1]!.overdue, false);
      // Safeguarding rows carry their suggested templates (starters, seeded on this first read).
      assert.ok(first.suggestedTemplates.length >= 2);
      assert.equal(items[2]!.suggestedTemplates.length, 0);
      const lane = await queue(s, '?lane=safeguarding');
      assert.deepEqual(
        lane.items.map((i) => i.id),
        [d, c],
      );
      assert.deepEqual(
        (await queue(s, '?limit=2&offset=1')).items.map((i) => i.id),
        [c, e],
      );
    });

    test('filters: account, team subtree, category, status, assignee', async () => {
      const o = await createOrg(t);
      const s = await signIn(t, o.adminEmail);
      const team = async (name: string, kind: string, parentId?: string) => {
        const res = await as(t, s)('POST', '/api/v1/teams', {
          name,
          kind,
          ...(parentId ? { parentId } : {}),
        });
        assert.equal(res.statusCode, 201, res.body);
        return res.json().id as string;
      };
      const force = await team('Force', 'force');
      const north = await team('North', 'district', force);
      const northTeam = await team('North NPT', 'team', north);
      const south = await team('South', 'district', force);
      const accForce = await insertAccount(t, o.orgId, { ownerTeamId: force });
      const accNorthTeam = await insertAccount(t, o.orgId, { ownerTeamId: northTeam });
      const accSouth = await insertAccount(t, o.orgId, { ownerTeamId: south });
      const iForce = await insertItem(t, o.orgId, accForce);
      const iNorth = await insertItem(t, o.orgId, accNorthTeam, {
        matches: [{ dictionary: 'spam', category: 'spam_links', term: 'buy', start: 0, end: 3 }],
        text: 'buy now',
      });
      const iSouth = await insertItem(t, o.orgId, accSouth);
      const ids = async (q: string) => (await queue(s, q)).items.map((i) => i.id).sort();
      assert.deepEqual(await ids(`?teamId=${force}`), [iForce, iNorth, iSouth].sort());
      assert.deepEqual(await ids(`?teamId=${north}`), [iNorth]);
      assert.deepEqual(await ids(`?teamId=${south}`), [iSouth]);
      assert.deepEqual(await ids(`?accountId=${accSouth}`), [iSouth]);
      assert.deepEqual(await ids('?category=spam_links'), [iNorth]);
      // "_" is not a wildcard: spamXlinks matches nothing.
      assert.deepEqual(await ids('?category=spamXlinks'), []);
      const claim = await as(t, s)('POST', `/api/v1/review/items/${iSouth}/claim`);
      assert.equal(claim.statusCode, 200, claim.body);
      assert.deepEqual(await ids('?status=in_review'), [iSouth]);
      assert.deepEqual(await ids('?assignedTo=me'), [iSouth]);
      assert.deepEqual(await ids(`?assignedTo=${o.adminId}`), [iSouth]);
      assert.deepEqual(await ids('?assignedTo=none'), [iForce, iNorth].sort());
      const unknownTeam = await as(t, s)('GET', `/api/v1/review/queue?teamId=${newId()}`);
      assert.equal(unknownTeam.statusCode, 404);
    });

    test('who sees the queue: moderators all accounts, authors only where granted moderate, others 403', async () => {
      const accA = await insertAccount(t, org.orgId);
      const accB = await insertAccount(t, org.orgId);
      const itemA = await insertItem(t, org.orgId, accA, {
        authorPlatformId: 'same-author',
        receivedAt: Date.now() - 2 * MIN,
      });
      const itemB = await insertItem(t, org.orgId, accB, { authorPlatformId: 'same-author' });
      const itemA2 = await insertItem(t, org.orgId, accA, {
        authorPlatformId: 'same-author',
        receivedAt: Date.now() - MIN,
      });
      const moderator = await addUser(t, org.orgId, ['moderator']);
      const granted = await addUser(t, org.orgId, ['author']);
      const viewer = await addUser(t, org.orgId, ['author']);
      await grant(t, org.orgId, granted.id, accA, ['view', 'moderate']);
      await grant(t, org.orgId, viewer.id, accA, ['view', 'reply']);
      const mod = await signIn(t, moderator.email);
      const ids = (await queue(mod)).items.map((i) => i.id);
      assert.ok(ids.includes(itemA) && ids.includes(itemB));
      const g = await signIn(t, granted.email);
      assert.deepEqual(
        (await queue(g)).items.map((i) => i.id),
        [itemA, itemA2],
      );
      assert.equal((await as(t, g)('GET', `/api/v1/review/items/${itemB}/context`)).statusCode, 403);
      assert.equal((await as(t, g)('POST', `/api/v1/review/items/${itemB}/claim`)).statusCode, 403);
      const ctxA = await as(t, g)('GET', `/api/v1/review/items/${itemA}/context`);
      assert.equal(ctxA.statusCode, 200);
      // The author's history shows only what this reviewer may see: not their message to account B.
      assert.deepEqual(
        ctxA.json().authorHistory.map((h: { id: string }) => h.id),
        [itemA2],
      );
      const v = await signIn(t, viewer.email);
      const denied = await as(t, v)('GET', '/api/v1/review/queue');
      assert.equal(denied.statusCode, 403);
      assert.equal(denied.json().error.code, 'forbidden');
      for (const [method, path] of [
        ['GET', 'context'],
        ['POST', 'claim'],
      ] as const)
        assert.equal((await as(t, v)(method, `/api/v1/review/items/${itemA}/${path}`)).statusCode, 403);
      const decide = await as(t, v)('POST', `/api/v1/review/items/${itemA}/decide`, { decision: 'hide' });
      assert.equal(decide.statusCode, 403);
      assert.equal((await as(t, admin)('GET', `/api/v1/review/items/${newId()}/context`)).statusCode, 404);
    });

    test('context: thread with our posts, author history newest first, UTF-16 spans, history, templates', async () => {
      const o = await createOrg(t);
      const s = await signIn(t, o.adminEmail);
      const acc = await insertAccount(t, o.orgId, { handle: 'ourforce' });
      const other = await insertAccount(t, o.orgId);
      const now = Date.now();
      const post = async (platformPostId: string, text: string, replyTo: unknown, at: number) => {
        const id = newId();
        await t.ctx.db
          .insertInto('post')
          .values({
            id,
            org_id: o.orgId,
            batch_id: id,
            account_id: acc,
            author_id: o.adminId,
            kind: replyTo ? 'reply' : 'post',
            text,
            reply_to: replyTo ? JSON.stringify(replyTo) : null,
            media_urls: '[]',
            status: 'published',
            revision: 1,
            approvals_required: 0,
            scheduled_at: null,
            time_zone: null,
            checks: '{}',
            hold_reason: null,
            platform_ref: JSON.stringify({ id: platformPostId }),
            platform_post_id: platformPostId,
            url: null,
            published_at: at,
            deleted_at: null,
            last_error: null,
            created_at: at,
            updated_at: at,
          })
          .execute();
        return id;
      };
      const rootPost = await post('root-1', 'Appeal: have you seen this man?', null, now - 60 * MIN);
      const author = 'did:author:1';
      const earlier = await insertItem(t, o.orgId, acc, {
        platformItemId: 'r-1',
        rootId: 'root-1',
        inReplyToId: 'root-1',
        authorPlatformId: author,
        receivedAt: now - 50 * MIN,
      });
      const ourReply = await post(
        'our-1',
        'Please call 101.',
        { id: 'r-1', root: { id: 'root-1' } },
        now - 45 * MIN,
      );
      const text = 'You 😀 scumbag, I know where you live';
      const term = 'i know where you live';
      const start = text.toLowerCase().indexOf(term);
      const current = await insertItem(t, o.orgId, acc, {
        text,
        platformItemId: 'r-2',
        rootId: 'root-1',
        inReplyToId: 'our-1',
        authorPlatformId: author,
        receivedAt: now - 40 * MIN,
        matches: [
          {
            dictionary: 'abuse',
            category: 'abuse',
            term: 'scumbag',
            start: text.indexOf('scumbag'),
            end: text.indexOf('scumbag') + 7,
          },
          { dictionary: 'threats', category: 'threat', term, start, end: start + term.length },
        ],
      });
      await insertItem(t, o.orgId, acc, {
        platformItemId: 'x-1',
        rootId: 'root-other',
        authorPlatformId: 'someone-else',
      });
      const elsewhere = await insertItem(t, o.orgId, other, {
        authorPlatformId: author,
        receivedAt: now - 5 * MIN,
      });
      await as(t, s)('POST', `/api/v1/review/items/${current}/claim`);
      const res = await as(t, s)('GET', `/api/v1/review/items/${current}/context`);
      assert.equal(res.statusCode, 200, res.body);
      const ctx = res.json();
      assert.deepEqual(
        ctx.thread.map((e: { source: string; id: string }) => [e.source, e.id]),
        [
          ['own', rootPost],
          ['inbound', earlier],
          ['own', ourReply],
          ['inbound', current],
        ],
      );
      assert.equal(ctx.thread.find((e: { current: boolean }) => e.current).id, current);
      assert.deepEqual(
        ctx.authorHistory.map((h: { id: string }) => h.id),
        [elsewhere, earlier],
      );
      assert.deepEqual(
        ctx.matches.map((m: { text: string }) => m.text),
        ['scumbag', 'I know where you live'],
      );
      // The emoji is two UTF-16 code units: offsets are UTF-16, as the scan CLI's are.
      assert.equal(ctx.matches[0].start, 7);
      assert.deepEqual(
        ctx.history.map((h: { type: string }) => h.type),
        ['classified', 'queued', 'claimed'],
      );
      assert.equal(ctx.item.safeguarding, true);
      const titles = ctx.templates.map((x: { title: string }) => x.title);
      assert.ok(titles.some((x: string) => x.includes('999')));
      assert.ok(titles.some((x: string) => x.includes('101')));
      assert.ok(
        !titles.some((x: string) => x.includes('Samaritans')),
        'welfare-only templates are not suggested for a threat',
      );
    });

    test('templates: starters seeded once, CRUD by comms/admin, read by reviewers, bad input refused', async () => {
      const o = await createOrg(t);
      const s = await signIn(t, o.adminEmail);
      const list = async (who: Session) => {
        const res = await as(t, who)('GET', '/api/v1/review/templates');
        assert.equal(res.statusCode, 200, res.body);
        return res.json().templates as Array<{
          id: string;
          title: string;
          body: string;
          categories: string[];
        }>;
      };
      const starters = await list(s);
      assert.equal(starters.length, 4);
      assert.ok(starters.some((x) => x.body.includes('116 123')));
      assert.ok(starters.some((x) => x.body.includes('999')));
      assert.equal((await list(s)).length, 4, 'seeded once');
      const created = await as(t, s)('POST', '/api/v1/review/templates', {
        title: 'Missing person',
        body: 'If you have seen them, call 101 quoting the reference.',
        categories: ['Welfare', 'welfare'],
      });
      assert.equal(created.statusCode, 201, created.body);
      assert.deepEqual(created.json().categories, ['welfare']);
      const id = created.json().id;
      const patched = await as(t, s)('PATCH', `/api/v1/review/templates/${id}`, {
        title: 'Missing person appeal',
      });
      assert.equal(patched.statusCode, 200);
      assert.equal(patched.json().title, 'Missing person appeal');
      const mod = await signIn(t, (await addUser(t, o.orgId, ['moderator'])).email);
      assert.equal((await list(mod)).length, 5);
      assert.equal(
        (await as(t, mod)('POST', '/api/v1/review/templates', { title: 'x', body: 'y' })).statusCode,
        403,
      );
      assert.equal((await as(t, mod)('DELETE', `/api/v1/review/templates/${id}`)).statusCode, 403);
      const author = await signIn(t, (await addUser(t, o.orgId, ['author'])).email);
      assert.equal((await as(t, author)('GET', '/api/v1/review/templates')).statusCode, 403);
      for (const bad of [
        { title: '', body: 'x' },
        { title: 'x' },
        { title: 'x', body: 'y', colour: 'red' },
        { title: 'x', body: 'y', categories: 'welfare' },
      ]) {
        const res = await as(t, s)('POST', '/api/v1/review/templates', bad);
        assert.equal(res.statusCode, 400, JSON.stringify(bad));
        assert.ok(res.json().error.code);
      }
      assert.equal((await as(t, s)('PATCH', `/api/v1/review/templates/${id}`, {})).statusCode, 400);
      assert.equal(
        (await as(t, s)('PATCH', `/api/v1/review/templates/${newId()}`, { title: 'x' })).statusCode,
        404,
      );
      for (const x of await list(s))
        assert.equal((await as(t, s)('DELETE', `/api/v1/review/templates/${x.id}`)).statusCode, 200);
      assert.equal((await list(s)).length, 0, 'deleting every template does not bring the starters back');
      const audit = await t.ctx.db
        .selectFrom('audit_record')
        .select('action')
        .where('org_id', '=', o.orgId)
        .execute();
      const actions = audit.map((a) => a.action);
      for (const a of [
        'review.templates_seeded',
        'review.template_created',
        'review.template_changed',
        'review.template_deleted',
      ])
        assert.ok(actions.includes(a), a);
    });

    test('settings: admin only; sign-off and SLA minutes (shared with moderation settings); bad input', async () => {
      const o = await createOrg(t);
      const s = await signIn(t, o.adminEmail);
      const res = await as(t, s)('GET', '/api/v1/review/settings');
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), {
        signoffFor: [],
        slaMinutes: { safeguarding: 15, standard: 240, escalation: 60 },
      });
      const put = await as(t, s)('PUT', '/api/v1/review/settings', {
        signoffFor: ['delete', 'block'],
        slaMinutes: { safeguarding: 10 },
      });
      assert.equal(put.statusCode, 200, put.body);
      assert.deepEqual(put.json(), {
        signoffFor: ['delete', 'block'],
        slaMinutes: { safeguarding: 10, standard: 240, escalation: 60 },
      });
      // One source of truth: ingestion stamps due_at from the same minutes.
      const mod = await as(t, s)('GET', '/api/v1/moderation/settings');
      if (mod.statusCode === 200) assert.equal(mod.json().safeguardingSlaMinutes, 10);
      const comms = await signIn(t, (await addUser(t, o.orgId, ['comms'])).email);
      assert.equal((await as(t, comms)('GET', '/api/v1/review/settings')).statusCode, 403);
      assert.equal(
        (await as(t, comms)('PUT', '/api/v1/review/settings', { signoffFor: [] })).statusCode,
        403,
      );
      for (const bad of [
        {},
        { signoffFor: ['hide'] },
        { slaMinutes: { safeguarding: 0 } },
        { slaMinutes: { safeguarding: 1.5 } },
        { slaMinutes: {} },
        { signoffFor: ['delete', 'delete'] },
        { signoffFor: [], extra: 1 },
      ]) {
        const r = await as(t, s)('PUT', '/api/v1/review/settings', bad);
        assert.equal(r.statusCode, 400, `${JSON.stringify(bad)} → ${r.body}`);
      }
      const audit = await t.ctx.db
        .selectFrom('audit_record')
        .select('action')
        .where('org_id', '=', o.orgId)
        .where('action', '=', 'review.settings_changed')
        .execute();
      assert.equal(audit.length, 1);
    });

    test('queue bad input: unknown status, lane, limit and fields are 400', async () => {
      for (const q of [
        '?status=allowed',
        '?lane=other',
        '?limit=0',
        '?limit=500',
        '?colour=red',
        '?offset=-1',
      ]) {
        const res = await as(t, admin)('GET', `/api/v1/review/queue${q}`);
        assert.equal(res.statusCode, 400, `${q} → ${res.body}`);
        assert.ok(res.json().error.code);
      }
    });
  });
}
