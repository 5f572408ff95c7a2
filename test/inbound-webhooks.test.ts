// Webhook ingestion end to end through the real app: X CRC and Meta verification, signatures over the exact
// bytes (platform-apis.md §1 vectors), replay and duplicate protection, several organisations on one platform
// account, and acknowledgement only after the items are committed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Kysely, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';
import { xWebhook } from '../src/connectors/x/webhook.js';
import type { Database } from '../src/db/schema.js';
import { type Delivery, IngestBatcher } from '../src/modules/inbound/group-commit.js';
import { createOrg, type Org, startTestApp, type TestApp } from './helpers/app.js';
import { testDbKinds } from './helpers/databases.js';
import {
  connectDirect,
  deliver,
  itemsOf,
  META_SECRET,
  META_VERIFY,
  metaSignature,
  WEBHOOK_SETTINGS,
  X_SECRET,
  xSignature,
} from './helpers/inbound.js';
import { type Deferred, deferred, FaultPlugin } from './helpers/jobs.js';

// §1 test vectors, byte for byte (one line, no trailing newline).
const X_USER = '1500000000000000000';
const X_BODY =
  '{"for_user_id":"1500000000000000000","tweet_create_events":[{"id_str":"1800000000000000001","text":"@acme you are awful","in_reply_to_status_id_str":"1800000000000000000","user":{"id_str":"42","screen_name":"troll"}}]}';
const X_SIG = 'sha256=fYqQia022h2xW9IDVkw0Ih1ewiooVNoj5XhdmxKb310=';
const META_BODY =
  '{"object":"page","entry":[{"id":"111","time":1700000000,"changes":[{"field":"feed","value":{"item":"comment","verb":"add","comment_id":"111_222_333","post_id":"111_222","parent_id":"111_222","from":{"id":"999","name":"Troll"},"message":"you are awful","created_time":1700000000}}]}]}';
const META_SIG = 'sha256=1b1135fd991ed59ac4917df1367a40fd2f333ada11a6a0c5d6de97fe1ea95fb4';

const xBody = (id: string, text: string, userId = X_USER) =>
  JSON.stringify({
    for_user_id: userId,
    tweet_create_events: [
      { id_str: id, text, user: { id_str: '42', screen_name: 'troll' }, timestamp_ms: '1777629600000' },
    ],
  });

const parseX = (body: string) =>
  xWebhook.parse({ method: 'POST', query: {}, headers: {}, rawBody: Buffer.from(body) });

/** FaultPlugin, plus: make inserts into inbound_item fail, or hold the next one until released. */
class StoreFault extends FaultPlugin {
  failInboundInserts = false;
  /** Fail only the inserts whose values contain this text (a "poison" delivery). */
  failInsertsContaining: string | null = null;
  inboundInserts = 0;
  private held: { entered: Deferred; release: Deferred } | null = null;
  private heldIds = new Set<string>();

  holdNextInboundInsert() {
    this.held = { entered: deferred(), release: deferred() };
    const h = this.held;
    return { entered: h.entered.promise, release: () => h.release.resolve() };
  }

  override transformQuery(args: PluginTransformQueryArgs) {
    const node = args.node;
    const isInboundInsert =
      node.kind === 'InsertQueryNode' && JSON.stringify(node.into).includes('"inbound_item"');
    if (isInboundInsert) this.inboundInserts++;
    if (isInboundInsert && this.failInboundInserts) throw new Error('simulated storage failure');
    const poison = this.failInsertsContaining;
    if (isInboundInsert && poison && JSON.stringify(node).includes(poison))
      throw new Error('poison delivery');
    if (isInboundInsert && this.held) this.heldIds.add(args.queryId.queryId);
    return super.transformQuery(args);
  }

  override async transformResult(args: PluginTransformResultArgs) {
    if (this.heldIds.delete(args.queryId.queryId) && this.held) {
      const h = this.held;
      this.held = null;
      h.entered.resolve();
      await h.release.promise;
    }
    return super.transformResult(args);
  }
}

for (const kind of testDbKinds) {
  describe(`inbound webhooks (${kind})`, () => {
    let t: TestApp;
    let org: Org;
    let xAccount: string;
    let fbAccount: string;

    before(async () => {
      t = await startTestApp(kind, WEBHOOK_SETTINGS);
      org = await createOrg(t, 'Webhook Police');
      xAccount = await connectDirect(t, org, 'x', X_USER);
      fbAccount = await connectDirect(t, org, 'facebook', '111');
    });
    after(() => t?.close());

    test('X CRC answers the §1 vector as JSON; no crc_token is a 400', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/webhooks/x?crc_token=crc-9b4507b3-9040-4669-9ca3-6b94edb50553',
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers['content-type']), /application\/json/);
      assert.deepEqual(res.json(), { response_token: 'sha256=xDWJPoZM3buPriuPsNCc4v7GTUIDHV3mW4S/z5fXBXg=' });
      const missing = await t.app.inject({ method: 'GET', url: '/webhooks/x' });
      assert.equal(missing.statusCode, 400);
      assert.equal(missing.json().error.code, 'handshake_expected');
    });

    test('Meta verification echoes hub.challenge only with the right verify token', async () => {
      const ok = await t.app.inject({
        method: 'GET',
        url: `/webhooks/facebook?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${META_VERIFY}`,
      });
      assert.equal(ok.statusCode, 200);
      assert.equal(ok.body, '1158201444');
      const wrong = await t.app.inject({
        method: 'GET',
        url: '/webhooks/instagram?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=guess-guess',
      });
      assert.equal(wrong.statusCode, 403);
      assert.equal(wrong.json().error.code, 'verify_token_mismatch');
      assert.doesNotMatch(wrong.body, /1158201444/);
    });

    test('an X delivery signed as in §1 is stored once, unchanged, with normalized fields', async () => {
      assert.equal(xSignature(X_BODY), X_SIG, 'the helper agrees with the §1 vector');
      const before = Date.now();
      const res = await deliver(t, 'x', X_BODY, X_SIG);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { received: true, replay: false, stored: 1 });
      const [item, ...rest] = await itemsOf(t, xAccount);
      assert.equal(rest.length, 0);
      assert.equal(item!.org_id, org.orgId);
      assert.equal(item!.platform, 'x');
      assert.equal(item!.platform_item_id, '1800000000000000001');
      assert.equal(item!.text, '@acme you are awful');
      assert.equal(item!.author_handle, 'troll');
      assert.equal(item!.author_platform_id, '42');
      assert.equal(item!.in_reply_to_id, '1800000000000000000');
      assert.deepEqual(JSON.parse(item!.raw), JSON.parse(X_BODY).tweet_create_events[0]);
      assert.ok(Number(item!.received_at) >= before && Number(item!.received_at) <= Date.now());
      assert.notEqual(item!.classified_at, null, 'classified in the same transaction');
    });

    test('bad, missing or foreign X signatures are 401 invalid_signature and store nothing', async () => {
      const body = xBody('1800000000000000101', 'forged');
      const cases: Array<[string, string | null]> = [
        ['wrong secret', xSignature(body, 'some-other-secret')],
        ['signature of another body', X_SIG],
        ['missing header', null],
        ['hex instead of base64', metaSignature(body, 'x-consumer-secret-EXAMPLE')],
      ];
      for (const [label, sig] of cases) {
        const res = await deliver(t, 'x', body, sig);
        assert.equal(res.statusCode, 401, label);
        assert.equal(res.json().error.code, 'invalid_signature', label);
        for (const secret of [X_SECRET, META_SECRET, META_VERIFY])
          assert.ok(!res.body.includes(secret), label);
      }
      const stored = await itemsOf(t, xAccount);
      assert.ok(!stored.some((i) => i.platform_item_id === '1800000000000000101'));
    });

    test('a Meta (Facebook Page) delivery signed as in §1 is stored for the Page named by entry.id', async () => {
      assert.equal(metaSignature(META_BODY), META_SIG);
      const bad = await deliver(t, 'facebook', META_BODY, metaSignature(META_BODY, 'not-the-app-secret'));
      assert.equal(bad.statusCode, 401);
      assert.equal(bad.json().error.code, 'invalid_signature');
      assert.equal((await itemsOf(t, fbAccount)).length, 0, 'nothing stored on a bad signature');
      const res = await deliver(t, 'facebook', META_BODY, META_SIG);
      assert.equal(res.statusCode, 200, res.body);
      const [item] = await itemsOf(t, fbAccount);
      assert.equal(item!.platform_item_id, '111_222_333');
      assert.equal(item!.kind, 'comment');
      assert.equal(item!.text, 'you are awful');
      assert.equal(Number(item!.platform_created_at), 1700000000 * 1000);
    });

    test('signatures are over the raw bytes: escaped and literal non-ASCII both verify and store the same text', async () => {
      // Meta escapes non-ASCII (\u00e9); a receiver that re-serialised the JSON would hash different bytes.
      const escaped = META_BODY.replace('you are awful', 'caf\\u00e9 \\ud83d\\udc6e awful').replace(
        '111_222_333',
        '111_222_444',
      );
      const literal = META_BODY.replace('you are awful', 'café 👮 awful').replace(
        '111_222_333',
        '111_222_555',
      );
      assert.notEqual(metaSignature(JSON.stringify(JSON.parse(escaped))), metaSignature(escaped));
      for (const body of [escaped, literal]) {
        const res = await deliver(
          t,
          'facebook',
          Buffer.from(body, 'utf8'),
          metaSignature(Buffer.from(body, 'utf8')),
        );
        assert.equal(res.statusCode, 200, res.body);
      }
      const texts = (await itemsOf(t, fbAccount))
        .filter((i) => i.platform_item_id !== '111_222_333')
        .map((i) => i.text);
      assert.deepEqual(texts, ['café 👮 awful', 'café 👮 awful']);
      // Re-serialised bytes (what a JSON-parsing receiver would hash) carry a signature that does not match.
      const reserialised = JSON.stringify(JSON.parse(escaped));
      const res = await deliver(t, 'facebook', reserialised, metaSignature(escaped));
      assert.equal(res.statusCode, 401);
    });

    test('a replayed delivery is acknowledged but not processed again; a redelivered item is stored once', async () => {
      const body = xBody('1800000000000000201', 'replay me');
      const first = await deliver(t, 'x', body, xSignature(body));
      assert.deepEqual(first.json(), { received: true, replay: false, stored: 1 });
      const replay = await deliver(t, 'x', body, xSignature(body));
      assert.equal(replay.statusCode, 200);
      assert.deepEqual(replay.json(), { received: true, replay: true, stored: 0 });
      // The same item in different bytes (a redelivery with other fields): processed, but stored once.
      const other = body.replace('"replay me"', '"replay me","lang":"en"');
      const again = await deliver(t, 'x', other, xSignature(other));
      assert.deepEqual(again.json(), { received: true, replay: false, stored: 0 });
      const rows = (await itemsOf(t, xAccount)).filter((i) => i.platform_item_id === '1800000000000000201');
      assert.equal(rows.length, 1);
      const digests = await t.ctx.db.selectFrom('inbound_delivery').select('digest').execute();
      assert.ok(digests.length >= 2);
    });

    test('concurrent deliveries (group commit) are all acknowledged, and duplicates among them stored once', async () => {
      const bodies = Array.from({ length: 40 }, (_, i) =>
        xBody(`18000000000000003${String(i).padStart(2, '0')}`, `burst ${i}`),
      );
      const sends = [...bodies, ...bodies.slice(0, 10)].map((b) => deliver(t, 'x', b, xSignature(b)));
      const results = await Promise.all(sends);
      assert.ok(results.every((r) => r.statusCode === 200));
      assert.equal(results.filter((r) => r.json().replay).length, 10);
      const rows = (await itemsOf(t, xAccount)).filter((i) => i.text.startsWith('burst '));
      assert.equal(rows.length, 40);
    });

    test('the same platform account connected by two organisations: the item goes to each', async () => {
      const shared = '1500000000000000777';
      const orgB = await createOrg(t, 'Neighbouring Force');
      const a = await connectDirect(t, org, 'x', shared);
      const b = await connectDirect(t, orgB, 'x', shared);
      const body = xBody('1800000000000000401', 'to both of you', shared);
      const res = await deliver(t, 'x', body, xSignature(body));
      assert.deepEqual(res.json(), { received: true, replay: false, stored: 2 });
      const [ia] = await itemsOf(t, a);
      const [ib] = await itemsOf(t, b);
      assert.equal(ia!.org_id, org.orgId);
      assert.equal(ib!.org_id, orgB.orgId);
      assert.equal(ia!.platform_item_id, ib!.platform_item_id);
    });

    test('a delivery for an account nobody connected is acknowledged and stores nothing', async () => {
      const body = xBody('1800000000000000501', 'who?', '1599999999999999999');
      const res = await deliver(t, 'x', body, xSignature(body));
      assert.deepEqual(res.json(), { received: true, replay: false, stored: 0 });
    });

    test('acknowledged only after commit: a held insert holds the 200; a failed store is 503 and a retry stores it', async () => {
      const db = t.ctx.db;
      const fault = new StoreFault();
      t.ctx.db = db.withPlugin(fault) as Kysely<Database>;
      // The fault plugin is on this thread's connection: store in-process (ingest-thread tests cover the thread).
      t.ctx.config.inbound.ingestThread = false;
      try {
        const body = xBody('1800000000000000601', 'held');
        const hold = fault.holdNextInboundInsert();
        let answered = false;
        const pending = deliver(t, 'x', body, xSignature(body)).then((r) => {
          answered = true;
          return r;
        });
        await hold.entered;
        await new Promise((r) => setTimeout(r, 50));
        assert.equal(answered, false, 'no answer while the items are not committed');
        hold.release();
        const res = await pending;
        assert.equal(res.statusCode, 200);
        assert.equal((await itemsOf(t, xAccount)).filter((i) => i.text === 'held').length, 1);

        const failing = xBody('1800000000000000602', 'storage down');
        fault.failInboundInserts = true;
        const down = await deliver(t, 'x', failing, xSignature(failing));
        assert.equal(down.statusCode, 503);
        assert.equal(down.json().error.code, 'not_stored');
        assert.equal((await itemsOf(t, xAccount)).filter((i) => i.text === 'storage down').length, 0);
        fault.failInboundInserts = false;
        const retry = await deliver(t, 'x', failing, xSignature(failing));
        assert.deepEqual(
          retry.json(),
          { received: true, replay: false, stored: 1 },
          'the failed delivery was not remembered as seen',
        );
      } finally {
        t.ctx.db = db;
        t.ctx.config.inbound.ingestThread = true;
      }
    });

    test('group commit: a failed batch is retried one delivery per transaction, so only the bad one fails', async () => {
      const db = t.ctx.db;
      const fault = new StoreFault();
      t.ctx.db = db.withPlugin(fault) as Kysely<Database>;
      t.ctx.config.inbound.ingestThread = false;
      try {
        const batcher = new IngestBatcher(t.ctx, 1);
        const make = (n: number, text: string): Delivery => ({
          platform: 'x',
          digest: `group-commit-test-${kind}-${n}`,
          receivedAt: Date.now(),
          targets: [{ platformAccountId: X_USER, items: parseX(xBody(`18000000000000007${n}0`, text)) }],
        });
        const hold = fault.holdNextInboundInsert();
        const first = batcher.submit(make(0, 'batch opener'));
        await hold.entered; // the next five queue up behind it and share one transaction
        fault.failInsertsContaining = 'poison pill';
        const rest = [1, 2, 3, 4, 5].map((n) =>
          batcher.submit(make(n, n === 3 ? 'poison pill' : `batch member ${n}`)),
        );
        hold.release();
        assert.deepEqual(await first, { replay: false, stored: 1 });
        const settled = await Promise.allSettled(rest);
        assert.deepEqual(
          settled.map((r) => r.status),
          ['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled'],
        );
        const texts = (await itemsOf(t, xAccount)).map((i) => i.text);
        for (const n of [1, 2, 4, 5]) assert.ok(texts.includes(`batch member ${n}`));
        assert.ok(!texts.includes('poison pill'));
        // The opener, the shared batch of five (which failed), then each of the five alone.
        assert.equal(fault.inboundInserts, 7);
      } finally {
        t.ctx.db = db;
        t.ctx.config.inbound.ingestThread = true;
      }
    });

    test('an unparsable but correctly signed body is 400 invalid_payload', async () => {
      const body = 'not json at all';
      const res = await deliver(t, 'x', body, xSignature(body));
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().error.code, 'invalid_payload');
    });
  });
}

describe('webhooks without secrets configured', () => {
  test('answer 404 webhook_not_configured and never verify anything', async () => {
    const t = await startTestApp('sqlite');
    try {
      const crc = await t.app.inject({ method: 'GET', url: '/webhooks/x?crc_token=abc' });
      assert.equal(crc.statusCode, 404);
      assert.equal(crc.json().error.code, 'webhook_not_configured');
      const post = await deliver(t, 'facebook', META_BODY, META_SIG);
      assert.equal(post.statusCode, 404);
    } finally {
      await t.close();
    }
  });
  test('the secrets are checked at start-up, naming the setting and never the value', async () => {
    const { loadConfig, ConfigError } = await import('../src/config/config.js');
    assert.throws(
      () => loadConfig({ PARAPET_META_APP_SECRET: 'sh ort' }),
      (err: unknown) =>
        err instanceof ConfigError &&
        /PARAPET_META_APP_SECRET/.test(err.message) &&
        !err.message.includes('sh ort'),
    );
    assert.equal(
      loadConfig({ PARAPET_META_APP_SECRET: META_SECRET }).inbound.instagramAppSecret,
      META_SECRET,
    );
  });
});
