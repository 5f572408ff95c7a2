// GET /sandbox/public/timeline: one Sandbox account's public timeline as JSON, as anyone sees it — the data
// behind the dashboard's side-by-side panel. Public and read-only like /sandbox; hidden replies stay listed and
// marked, deleted posts are gone, other authors' threads are not included, bad handles are refused.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { insertPost, postById } from '../src/sandbox/repo.js';
import { createSandboxUser } from '../src/sandbox/service.js';
import { startTestApp, type TestApp } from './helpers/app.js';
import { testDbKinds } from './helpers/databases.js';

for (const kind of testDbKinds)
  describe(`sandbox public timeline JSON (${kind})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(kind);
    });
    after(() => t.close());

    const timeline = (author: string) =>
      t.app.inject({ method: 'GET', url: `/sandbox/public/timeline?author=${encodeURIComponent(author)}` });

    test('lists the author’s posts newest first with replies, hidden ones marked, deleted ones gone', async () => {
      const db = t.ctx.db;
      const { user: force } = await createSandboxUser(db, {
        handle: 'north_force',
        displayName: 'North',
        kind: 'official',
      });
      const { user: other } = await createSandboxUser(db, { handle: 'south_force', kind: 'official' });
      const { user: pat } = await createSandboxUser(db, { handle: 'pat_public', kind: 'public' });
      const first = (await postById(
        db,
        await insertPost(db, { authorId: force.id, text: 'first', replyTo: null }, 1000),
      ))!;
      const second = await insertPost(db, { authorId: force.id, text: 'second', replyTo: null }, 2000);
      await insertPost(db, { authorId: other.id, text: 'not theirs', replyTo: null }, 3000);
      const rude = await insertPost(db, { authorId: pat.id, text: 'rude', replyTo: first }, 4000);
      await insertPost(db, { authorId: pat.id, text: 'kind', replyTo: first }, 5000);
      const gone = await insertPost(db, { authorId: pat.id, text: 'gone', replyTo: first }, 6000);
      await db.updateTable('sandbox_post').set({ hidden: 1 }).where('id', '=', rude).execute();
      await db.updateTable('sandbox_post').set({ deleted_at: 7000 }).where('id', '=', gone).execute();

      const res = await timeline('North_Force');
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.headers['cache-control'], 'no-store');
      const body = res.json();
      assert.deepEqual(body.author, { handle: 'north_force', displayName: 'North' });
      assert.deepEqual(
        body.threads.map((th: { post: { id: string } }) => th.post.id),
        [second, first.id],
      );
      const replies = body.threads[1].replies;
      assert.deepEqual(
        replies.map((r: { text: string; hidden: boolean }) => [r.text, r.hidden]),
        [
          ['rude', true],
          ['kind', false],
        ],
      );
      assert.equal(replies[0].authorHandle, 'pat_public');
      assert.equal(replies[0].createdAt, 4000);
      assert.equal(body.threads[1].post.hidden, false);
    });

    test('unknown handles give an empty view; malformed ones a 400', async () => {
      assert.deepEqual((await timeline('nobody_here')).json(), { author: null, threads: [] });
      const bad = await timeline('no spaces');
      assert.equal(bad.statusCode, 400);
      assert.equal((await t.app.inject({ method: 'GET', url: '/sandbox/public/timeline' })).statusCode, 400);
    });
  });
