// The Sandbox network itself: the simulator's documented mix (deterministic), its job, its configuration,
// the admin route that creates official accounts, and the sandbox API's refusals.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../src/config/config.js';
import { compileDictionaries, parseDictionaryYaml } from '../src/rules/index.js';
import { ABUSE_WORDS, PERSONAS, REPLY_KINDS, SPAMMERS } from '../src/sandbox/personas.js';
import { createSandboxUser } from '../src/sandbox/service.js';
import {
  DRAW_WEIGHTS,
  FLOOD_MAX,
  FLOOD_MIN,
  generateReplies,
  runSimulatorTick,
  SIMULATE_JOB,
  type SimulatedReply,
} from '../src/sandbox/simulator.js';
import { addUser, as, createOrg, signIn, startTestApp, type TestApp } from './helpers/app.js';
import { testDbKinds } from './helpers/databases.js';

const dict = (name: string) =>
  parseDictionaryYaml(
    readFileSync(new URL(`../dictionaries/${name}.yaml`, import.meta.url), 'utf8'),
    `${name}.yaml`,
  );
const POSTS = [{ id: 'p1' }, { id: 'p2' }, { id: 'p3' }];

/** Groups consecutive spam replies into their floods. */
function floods(replies: SimulatedReply[]): SimulatedReply[][] {
  const groups = new Map<number, SimulatedReply[]>();
  for (const r of replies) if (r.kind === 'spam') groups.set(r.flood!, [...(groups.get(r.flood!) ?? []), r]);
  return [...groups.values()];
}

describe('sandbox simulator: generateReplies', () => {
  test('is deterministic for a seed, differs between seeds, and returns exactly n replies to the given posts', () => {
    const a = generateReplies(42, POSTS, 200);
    assert.deepEqual(generateReplies(42, POSTS, 200), a);
    assert.notDeepEqual(generateReplies(43, POSTS, 200), a);
    assert.equal(a.length, 200);
    assert.ok(a.every((r) => POSTS.some((p) => p.id === r.postId)));
    assert.deepEqual(new Set(a.map((r) => r.postId)), new Set(['p1', 'p2', 'p3']));
    assert.deepEqual(generateReplies(1, [], 10), []);
    assert.deepEqual(generateReplies(1, POSTS, 0), []);
    for (const n of [1, 2, 7])
      assert.equal(generateReplies(n, POSTS, n).length, n, 'a flood is cut to fit n');
  });

  test('produces the documented mix: every kind, in proportion to the draw weights', () => {
    const replies = generateReplies(2026, POSTS, 3000);
    const groups = floods(replies);
    // Draws: each non-spam reply is one draw, each flood is one draw.
    const draws: Record<string, number> = Object.fromEntries(REPLY_KINDS.map((k) => [k, 0]));
    for (const r of replies) if (r.kind !== 'spam') draws[r.kind]!++;
    draws.spam = groups.length;
    const totalDraws = Object.values(draws).reduce((s, x) => s + x, 0);
    const totalWeight = Object.values(DRAW_WEIGHTS).reduce((s, x) => s + x, 0);
    for (const k of REPLY_KINDS) {
      const share = draws[k]! / totalDraws;
      const expected = DRAW_WEIGHTS[k] / totalWeight;
      assert.ok(Math.abs(share - expected) < 0.035, `${k}: ${share.toFixed(3)} vs ${expected.toFixed(3)}`);
    }
    const kinds = new Set(generateReplies(7, POSTS, 60).map((r) => r.kind));
    assert.deepEqual(
      [...kinds].sort(),
      [...REPLY_KINDS].sort(),
      'a minute at 60/min already shows every kind',
    );
  });

  test('spam comes in floods: 3–6 near-identical messages from one spam account to one post', () => {
    const replies = generateReplies(99, POSTS, 1000);
    const groups = floods(replies);
    assert.ok(groups.length > 10);
    for (const g of groups.slice(0, -1)) {
      assert.ok(g.length >= FLOOD_MIN && g.length <= FLOOD_MAX, `flood of ${g.length}`);
      assert.equal(new Set(g.map((r) => r.persona.handle)).size, 1);
      assert.ok(SPAMMERS.some((s) => s.handle === g[0]!.persona.handle));
      assert.equal(new Set(g.map((r) => r.postId)).size, 1);
      const stem = (text: string) => text.replace(/#\d+$/, '');
      assert.equal(new Set(g.map((r) => stem(r.text))).size, 1, 'the same message apart from its tag');
      // Consecutive: a flood arrives all at once.
      const first = replies.indexOf(g[0]!);
      assert.deepEqual(replies.slice(first, first + g.length), g);
    }
    const others = replies.filter((r) => r.kind !== 'spam');
    assert.ok(others.every((r) => PERSONAS.some((p) => p.handle === r.persona.handle)));
  });

  test('abuse uses words of dictionaries/abuse.yaml (the real filter catches it); threats and welfare look real', () => {
    const replies = generateReplies(5, POSTS, 1500);
    const abuse = replies.filter((r) => r.kind === 'abuse');
    const terms = new Set(dict('abuse').terms);
    assert.ok(ABUSE_WORDS.length >= 10 && ABUSE_WORDS.every((w) => terms.has(w)));
    const matcher = compileDictionaries([dict('abuse')]);
    assert.ok(abuse.length > 50);
    for (const r of abuse) assert.ok(matcher.test(r.text), `abuse not caught: ${r.text}`);
    const clean = replies.filter((r) => r.kind === 'thanks' || r.kind === 'question');
    for (const r of clean) assert.ok(!matcher.test(r.text), `clean reply matched abuse: ${r.text}`);
    assert.ok(replies.some((r) => r.kind === 'threat' && /hurt|watch|happens/i.test(r.text)));
    assert.ok(replies.some((r) => r.kind === 'welfare' && /cope|goodbye|point|worried/i.test(r.text)));
    assert.ok(!replies.some((r) => /\{\w+\}/.test(r.text)), 'every placeholder is filled');
  });

  test('PARAPET_SANDBOX_SIMULATOR_RATE: default off, validated', () => {
    assert.equal(loadConfig({}).sandbox.simulatorRate, 0);
    assert.equal(loadConfig({ PARAPET_SANDBOX_SIMULATOR_RATE: '30' }).sandbox.simulatorRate, 30);
    assert.equal(loadConfig({}).sandbox.rateLimitPerMinute, 300);
    for (const bad of ['-1', 'abc', '601', '1.5']) {
      assert.throws(
        () => loadConfig({ PARAPET_SANDBOX_SIMULATOR_RATE: bad }),
        (err: unknown) => err instanceof ConfigError && err.setting === 'PARAPET_SANDBOX_SIMULATOR_RATE',
      );
    }
    assert.throws(() => loadConfig({ PARAPET_SANDBOX_RATE_LIMIT: '0' }), ConfigError);
  });
});

for (const kind of testDbKinds) {
  describe(`sandbox network (${kind})`, () => {
    let t: TestApp;
    let official: { id: string; token: string };
    let postId: string;

    const api = (
      token: string | null,
      method: 'GET' | 'POST' | 'DELETE',
      url: string,
      payload?: Record<string, unknown>,
    ) =>
      t.app.inject({
        method,
        url: `/sandbox/api/v1${url}`,
        headers: token ? { authorization: `Bearer ${token}` } : {},
        ...(payload ? { payload } : {}),
      });

    before(async () => {
      t = await startTestApp(kind);
      const o = await createSandboxUser(t.ctx.db, { handle: 'city_police', kind: 'official' });
      official = { id: o.user.id, token: o.token };
      const res = await api(official.token, 'POST', '/posts', {
        text: 'Appeal for witnesses on Station Road.',
      });
      assert.equal(res.statusCode, 201, res.body);
      postId = res.json().id;
    });
    after(() => t?.close());

    test('a simulator tick writes the generated replies to official posts as public personas', async () => {
      const result = await runSimulatorTick(t.ctx, { seed: 11, n: 25 });
      assert.equal(result.written, 25);
      assert.equal(result.refused, 0);
      const expected = generateReplies(11, [{ id: postId }], 25);
      const rows = await t.ctx.db
        .selectFrom('sandbox_post')
        .innerJoin('sandbox_user', 'sandbox_user.id', 'sandbox_post.author_id')
        .select([
          'sandbox_post.text',
          'sandbox_post.reply_to_id',
          'sandbox_post.root_id',
          'sandbox_user.handle',
          'sandbox_user.kind',
        ])
        .where('sandbox_post.reply_to_id', '=', postId)
        .orderBy('sandbox_post.id')
        .execute();
      assert.deepEqual(
        rows.map((r) => [r.handle, r.text]),
        expected.map((e) => [e.persona.handle, e.text]),
      );
      assert.ok(rows.every((r) => r.kind === 'public' && r.root_id === postId));
      // The official account sees them in its inbox.
      const inbox = await api(official.token, 'GET', '/me/inbox');
      assert.equal(inbox.json().items.length, 25);
    });

    test('a persona the official account blocked is refused by the simulator too', async () => {
      const blockedHandle = generateReplies(12, [{ id: postId }], 40).find((r) => r.kind !== 'spam')!.persona
        .handle;
      const persona = await t.ctx.db
        .selectFrom('sandbox_user')
        .select('id')
        .where('handle', '=', blockedHandle)
        .executeTakeFirstOrThrow();
      assert.equal((await api(official.token, 'POST', '/blocks', { user_id: persona.id })).statusCode, 200);
      const before = await t.ctx.db
        .selectFrom('sandbox_post')
        .select('id')
        .where('author_id', '=', persona.id)
        .execute();
      const result = await runSimulatorTick(t.ctx, { seed: 12, n: 40 });
      const expectedRefused = generateReplies(12, [{ id: postId }], 40).filter(
        (r) => r.persona.handle === blockedHandle,
      ).length;
      assert.ok(expectedRefused > 0);
      assert.deepEqual([result.refused, result.written], [expectedRefused, 40 - expectedRefused]);
      const afterRows = await t.ctx.db
        .selectFrom('sandbox_post')
        .select('id')
        .where('author_id', '=', persona.id)
        .execute();
      assert.equal(afterRows.length, before.length);
    });

    test('the simulate_tick job does nothing while the rate is 0, and writes rate replies then schedules the next', async () => {
      const handler = t.ctx.jobHandlers.get(SIMULATE_JOB)!;
      assert.ok(handler);
      const count = async () =>
        Number(
          (
            await t.ctx.db
              .selectFrom('sandbox_post')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const jobs = () =>
        t.ctx.db.selectFrom('job').select(['id', 'run_after']).where('type', '=', SIMULATE_JOB).execute();
      const start = await count();
      await handler({ id: 'j1', type: SIMULATE_JOB, orgId: null, payload: { slot: 1 }, attempt: 1 });
      assert.equal(await count(), start);
      assert.equal((await jobs()).length, 0, 'rate 0: the chain stops');
      t.ctx.config.sandbox.simulatorRate = 6;
      try {
        await handler({ id: 'j2', type: SIMULATE_JOB, orgId: null, payload: { slot: 777 }, attempt: 1 });
        await handler({ id: 'j3', type: SIMULATE_JOB, orgId: null, payload: { slot: 778 }, attempt: 1 });
      } finally {
        t.ctx.config.sandbox.simulatorRate = 0;
      }
      // Each tick writes its slot's replies, less those of personas the official account blocked.
      const blocked = new Set(
        (
          await t.ctx.db
            .selectFrom('sandbox_block')
            .innerJoin('sandbox_user', 'sandbox_user.id', 'sandbox_block.blocked_user_id')
            .select('handle')
            .execute()
        ).map((b) => b.handle),
      );
      const expected = [777, 778]
        .flatMap((seed) => generateReplies(seed, [{ id: postId }], 6))
        .filter((r) => !blocked.has(r.persona.handle));
      assert.equal((await count()) - start, expected.length);
      assert.ok(expected.length > 0);
      const next = await jobs();
      assert.equal(next.length, 1, 'two runs in one minute agree on one next tick');
      assert.ok(Number(next[0]!.run_after) > Date.now() && Number(next[0]!.run_after) <= Date.now() + 60_000);
    });

    test('the sandbox API refuses what a platform would refuse', async () => {
      const other = await createSandboxUser(t.ctx.db, { handle: 'nosy_neighbour', kind: 'public' });
      const theirs = (await api(other.token, 'POST', '/posts', { text: 'Mine' })).json().id;
      const reply = (
        await api(other.token, 'POST', '/posts', { text: 'a reply', reply_to_id: postId })
      ).json().id;
      const cases: Array<[string, Awaited<ReturnType<typeof api>>, number, string]> = [
        ['anonymous', await api(null, 'GET', '/me/posts'), 401, 'invalid_token'],
        ['a Parapet-looking token', await api('ppt_abc', 'GET', '/me/posts'), 401, 'invalid_token'],
        [
          'hide a post that is not a reply to me',
          await api(official.token, 'POST', `/posts/${theirs}/hide`),
          403,
          'forbidden',
        ],
        [
          'the replier hides their own reply',
          await api(other.token, 'POST', `/posts/${reply}/hide`),
          403,
          'forbidden',
        ],
        ["delete another's post", await api(official.token, 'DELETE', `/posts/${theirs}`), 403, 'forbidden'],
        [
          'reply to a missing post',
          await api(other.token, 'POST', '/posts', { text: 'x', reply_to_id: 'nope' }),
          404,
          'not_found',
        ],
        ['empty text', await api(other.token, 'POST', '/posts', { text: '' }), 400, 'validation_failed'],
        ['blank text', await api(other.token, 'POST', '/posts', { text: '   ' }), 400, 'invalid_text'],
        [
          'block yourself',
          await api(other.token, 'POST', '/blocks', { user_id: other.user.id }),
          400,
          'invalid_block',
        ],
        ['bad id in path', await api(other.token, 'DELETE', '/posts/..%2F..'), 400, 'validation_failed'],
      ];
      for (const [what, res, status, code] of cases) {
        assert.equal(res.statusCode, status, `${what}: ${res.body}`);
        assert.equal(res.json().error.code, code, what);
      }
      // The reply author may still delete their own reply; after that it is gone for everyone.
      assert.equal((await api(other.token, 'DELETE', `/posts/${reply}`)).statusCode, 200);
      assert.equal((await api(official.token, 'POST', `/posts/${reply}/hide`)).statusCode, 404);
    });

    test('the public view escapes text and runs no inline script', async () => {
      const o = await createSandboxUser(t.ctx.db, { handle: 'prankster', kind: 'public' });
      await api(o.token, 'POST', '/posts', {
        text: '<script>alert(1)</script> & "quotes"',
        reply_to_id: postId,
      });
      const res = await t.app.inject({ method: 'GET', url: '/sandbox' });
      assert.equal(res.statusCode, 200);
      assert.match(res.headers['content-type'] as string, /text\/html/);
      assert.ok(res.body.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;'));
      assert.ok(!res.body.includes('<script>alert'));
      assert.deepEqual(res.body.match(/<script[^>]*>/g), ['<script src="/sandbox/assets/sandbox.js">']);
      assert.match(res.body, /Appeal for witnesses on Station Road\./);
      const js = await t.app.inject({ method: 'GET', url: '/sandbox/assets/sandbox.js' });
      assert.match(js.headers['content-type'] as string, /javascript/);
    });

    test('POST /api/v1/sandbox/accounts: admin/comms only, unique handle, token in the vault only', async () => {
      const org = await createOrg(t, 'Sandbox Org');
      const admin = await signIn(t, org.adminEmail);
      const author = await signIn(t, (await addUser(t, org.orgId, ['author'])).email);
      const users = async () => (await t.ctx.db.selectFrom('sandbox_user').select('id').execute()).length;
      const n = await users();
      const refused = await as(t, author)('POST', '/api/v1/sandbox/accounts', { handle: 'author_try' });
      assert.equal(refused.statusCode, 403);
      assert.equal(await users(), n, 'a refused caller leaves no sandbox user');
      const badTeam = await as(t, admin)('POST', '/api/v1/sandbox/accounts', {
        handle: 'team_try',
        ownerTeamId: 'missing',
      });
      assert.ok(badTeam.statusCode >= 400 && badTeam.statusCode < 500, badTeam.body);
      assert.equal(await users(), n, 'a failed connect removes the sandbox user again');

      const ok = await as(t, admin)('POST', '/api/v1/sandbox/accounts', { handle: 'north_district' });
      assert.equal(ok.statusCode, 201, ok.body);
      assert.deepEqual(
        [ok.json().platform, ok.json().handle, ok.json().hasCredentials],
        ['sandbox', 'north_district', true],
      );
      assert.ok(!/sbx_|token/i.test(ok.body), ok.body);
      const dup = await as(t, admin)('POST', '/api/v1/sandbox/accounts', { handle: 'NORTH_district' });
      assert.equal(dup.statusCode, 409);
      assert.equal(dup.json().error.code, 'handle_taken');
      const audit = await t.ctx.db
        .selectFrom('audit_record')
        .select(['action'])
        .where('org_id', '=', org.orgId)
        .execute();
      assert.ok(audit.some((a) => a.action === 'account.connected'));
    });
  });
}
