// Before a post goes anywhere: per-platform limits (naming the platform and the limit) and the outbound
// dictionaries (block → 422 with matches, require_approval → approval even for direct publishers, warn → recorded).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from './helpers/app.js';
import { testDbKinds } from './helpers/databases.js';
import { composeWorld, type Person, publishJobs } from './helpers/publishing-compose.js';

for (const kind of testDbKinds) {
  describe(`publishing: platform limits and outbound checks (${kind})`, () => {
    let t: TestApp;
    let admin: Person;
    let direct: Person;
    let sb1: string;
    let x: string;
    let bsky: string;
    let insta: string;

    before(async () => {
      t = await startTestApp(kind);
      ({ admin, direct, sb1, x, bsky, insta } = await composeWorld(t));
    });
    after(() => t.close());

    test('per-platform limits name the platform and the limit; nothing is stored when one fails', async () => {
      const before = await t.ctx.db.selectFrom('post').select('id').execute();
      const longX = `${'a'.repeat(258)} https://example.com/${'x'.repeat(100)}`; // 258 + 1 + 23 = 282
      const res = await admin.api('POST', '/api/v1/posts', {
        accountIds: [x, sb1],
        text: longX,
        submit: true,
      });
      assert.equal(res.statusCode, 400, res.body);
      const err = res.json().error;
      assert.equal(err.code, 'platform_limits');
      assert.match(err.message, /^X: the text is 282 weighted characters long; X allows 280\.$/);
      assert.deepEqual(
        err.problems.map((p: { platform: string }) => p.platform),
        ['x'],
      );
      assert.equal((await t.ctx.db.selectFrom('post').select('id').execute()).length, before.length);

      const check = await admin.api('POST', '/api/v1/posts/check', {
        accountIds: [x, bsky, insta, sb1],
        text: `${'é'.repeat(150)}${'👍🏽'.repeat(151)}`,
      });
      assert.equal(check.statusCode, 200, check.body);
      const byPlatform = Object.fromEntries(
        check.json().accounts.map((a: { platform: string }) => [a.platform, a]),
      );
      assert.equal(byPlatform.x.length, 150 + 151 * 2);
      assert.equal(byPlatform.bluesky.length, 301, 'graphemes: a skin-toned emoji is one');
      assert.match(
        byPlatform.bluesky.problems[0].message,
        /^Bluesky: .* 301 characters \(graphemes\) long; Bluesky allows 300\.$/,
      );
      assert.equal(byPlatform.instagram.problems[0].code, 'media_required');
      assert.equal(byPlatform.sandbox.ok, true, 'the Sandbox allows 1000 UTF-16 units; this is 754');

      const withImage = await admin.api('POST', '/api/v1/posts/check', {
        accountIds: [insta, sb1],
        text: 'Open day',
        mediaUrls: ['https://cdn.example/open-day.jpg'],
      });
      const accounts = withImage.json().accounts;
      assert.equal(accounts.find((a: { platform: string }) => a.platform === 'instagram').ok, true);
      assert.equal(
        accounts.find((a: { platform: string }) => a.platform === 'sandbox').problems[0].code,
        'media_unsupported',
      );
    });

    test('outbound: the check shows matches with UTF-16 spans; block is 422 and stores nothing', async () => {
      const text = '🚓 Please vote for us and defund the council ASAP';
      const check = (await direct.api('POST', '/api/v1/posts/check', { accountIds: [sb1], text })).json();
      assert.equal(check.verdict, 'block');
      const spans = check.matches.map((m: { start: number; end: number; action: string }) => [
        text.slice(m.start, m.end).toLowerCase(),
        m.action,
      ]);
      assert.deepEqual(spans, [
        ['vote for', 'require_approval'],
        ['defund the council', 'block_publish'],
        ['asap', 'warn'],
      ]);
      const count = async () => (await t.ctx.db.selectFrom('post').select('id').execute()).length;
      const n = await count();
      const blocked = await direct.api('POST', '/api/v1/posts', { accountIds: [sb1], text, submit: true });
      assert.equal(blocked.statusCode, 422, blocked.body);
      assert.equal(blocked.json().error.code, 'outbound_blocked');
      assert.match(blocked.json().error.message, /"defund the council" \(banned\)/);
      assert.equal(blocked.json().error.matches.length, 3);
      assert.equal(await count(), n);
      const asDraft = await direct.api('POST', '/api/v1/posts', { accountIds: [sb1], text });
      assert.equal(asDraft.statusCode, 201, 'a draft may hold anything; the check runs at submit');
      const submit = await direct.api('POST', `/api/v1/posts/${asDraft.json().posts[0].id}/submit`);
      assert.equal(submit.statusCode, 422);
      assert.equal(
        (await direct.api('GET', `/api/v1/posts/${asDraft.json().posts[0].id}`)).json().status,
        'draft',
      );
    });

    test('outbound: require_approval sends even a publish_directly user to approval; warn goes and is recorded', async () => {
      const req = await admin.api('POST', '/api/v1/posts', {
        accountIds: [sb1],
        text: 'Remember to vote for the PCC',
        submit: true,
      });
      assert.equal(req.statusCode, 201, req.body);
      const held = req.json().posts[0];
      assert.equal(held.status, 'pending_approval');
      assert.equal(held.checks.verdict, 'require_approval');
      assert.equal((await publishJobs(t, held.id)).length, 0);

      const warn = await direct.api('POST', '/api/v1/posts', {
        accountIds: [sb1],
        text: 'Reply asap please',
        submit: true,
      });
      const post = warn.json().posts[0];
      assert.equal(post.status, 'scheduled');
      assert.equal(post.checks.verdict, 'warn');
      assert.deepEqual(
        post.checks.matches.map((m: { term: string }) => m.term),
        ['asap'],
      );
      assert.ok(post.checks.checkedAt);
    });
  });
}
