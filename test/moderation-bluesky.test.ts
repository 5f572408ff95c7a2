// Moderation end to end on a REAL local Bluesky network (PLC + PDS + AppView): a member of the public replies with
// abuse through their own agent; the real poller stores it, policy hides it through the moderation.action job,
// and the hide is visible on the PDS (the root post's threadgate lists the reply in hiddenReplies) and on the
// AppView (a third account no longer sees it in the thread; it is hiddenByThreadgate). A welfare reply is
// queued with an urgent alert and is NOT hidden.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { pollAccount } from '../src/modules/inbound/poller.js';
import { createOrg, signIn, startTestApp, type TestApp } from './helpers/app.js';
import { type BlueskyNetwork, startBlueskyNetwork } from './helpers/bluesky-network.js';
import { testDbKinds } from './helpers/databases.js';
import { connectDirect } from './helpers/inbound.js';
import { activeDictionary, drainActions, itemById } from './helpers/moderation.js';

const rkeyOf = (uri: string) => uri.split('/').pop()!;

describe('moderation on a real local Bluesky network', { timeout: 180_000 }, () => {
  let net: BlueskyNetwork;
  before(async () => {
    net = await startBlueskyNetwork();
  });
  after(() => net?.stop());

  for (const kind of testDbKinds) {
    test(`abuse is hidden by threadgate on the PDS and AppView; welfare is queued, not hidden (${kind})`, async () => {
      const t: TestApp = await startTestApp(kind);
      try {
        const [orgAccount, pub, viewer] = await Promise.all([
          net.createAccount('org'),
          net.createAccount('pub'),
          net.createAccount('view'),
        ]);
        await createOrg(t, 'First');
        const org = await createOrg(t, 'Bluesky Police');
        const admin = await signIn(t, org.adminEmail);
        await activeDictionary(t, admin, {
          name: 'insults',
          category: 'insult',
          action: 'hide',
          severity: 'high',
          terms: ['zorblax'],
        });
        await activeDictionary(t, admin, {
          name: 'welfare-signs',
          category: 'welfare',
          action: 'hide',
          severity: 'critical',
          terms: ['end it all tonight'],
        });
        const accountId = await connectDirect(t, org, 'bluesky', orgAccount.did, {
          baseUrl: net.pdsUrl,
          handle: orgAccount.handle,
          credentials: { appPassword: orgAccount.appPassword },
        });
        const root = await orgAccount.agent.post({ text: 'Appeal for witnesses on Market Street' });
        await net.waitForAppView();
        const at = { root: { uri: root.uri, cid: root.cid }, parent: { uri: root.uri, cid: root.cid } };
        const abuse = await pub.agent.post({ text: 'you lot are a bunch of zorblax', reply: at });
        const welfare = await pub.agent.post({ text: 'I am going to end it all tonight', reply: at });
        await net.waitForAppView();

        const polled = await pollAccount(t.ctx, accountId);
        assert.equal(polled.error, null);
        assert.equal(polled.stored, 2);
        const rows = await t.ctx.db
          .selectFrom('inbound_item')
          .selectAll()
          .where('account_id', '=', accountId)
          .execute();
        const abuseItem = rows.find((r) => r.platform_item_id === abuse.uri)!;
        const welfareItem = rows.find((r) => r.platform_item_id === welfare.uri)!;
        assert.equal(abuseItem.status, 'action_pending');
        assert.equal(welfareItem.status, 'queued');

        assert.equal(await drainActions(t), 1, 'one action: the hide');
        assert.equal((await itemById(t, abuseItem.id)).status, 'auto_hidden');
        const gate = await orgAccount.agent.com.atproto.repo.getRecord({
          repo: orgAccount.did,
          collection: 'app.bsky.feed.threadgate',
          rkey: rkeyOf(root.uri),
        });
        assert.deepEqual(
          (gate.data.value as { hiddenReplies: string[] }).hiddenReplies,
          [abuse.uri],
          'on the PDS',
        );
        await net.waitForAppView();
        const thread = await viewer.agent.app.bsky.unspecced.getPostThreadV2({ anchor: root.uri });
        const uris = thread.data.thread.map((p) => p.uri);
        assert.ok(!uris.includes(abuse.uri), 'hidden from the thread on the AppView');
        assert.ok(uris.includes(welfare.uri), 'the welfare reply is still visible');
        const other = await viewer.agent.app.bsky.unspecced.getPostThreadOtherV2({ anchor: root.uri });
        const hidden = other.data.thread.find((p) => p.uri === abuse.uri);
        assert.equal(
          (hidden?.value as { hiddenByThreadgate?: boolean } | undefined)?.hiddenByThreadgate,
          true,
        );

        const alerts = await t.ctx.db
          .selectFrom('alert_event')
          .selectAll()
          .where('subject_id', '=', welfareItem.id)
          .execute();
        assert.deepEqual(
          alerts.map((a) => [a.kind, a.severity]),
          [['safeguarding.item', 'urgent']],
        );
        assert.equal((await pollAccount(t.ctx, accountId)).stored, 0, 'nothing stored twice');
      } finally {
        await t.close();
      }
    });
  }
});
