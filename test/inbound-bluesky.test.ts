// Bluesky polling on a REAL local network (PLC + PDS + AppView): a reply made by another account with its own
// agent appears as an inbound item through the periodic job path, once, and the cursor moves past it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { pollAccount, schedulePolls } from '../src/modules/inbound/poller.js';
import { createOrg, startTestApp, type TestApp } from './helpers/app.js';
import { type BlueskyNetwork, startBlueskyNetwork } from './helpers/bluesky-network.js';
import { testDbKinds } from './helpers/databases.js';
import { connectDirect, itemsOf } from './helpers/inbound.js';
import { makeWorker } from './helpers/jobs.js';

describe('inbound polling of Bluesky on a real local network', { timeout: 120_000 }, () => {
  let net: BlueskyNetwork;
  before(async () => {
    net = await startBlueskyNetwork();
  });
  after(() => net?.stop());

  for (const kind of testDbKinds) {
    test(`a public reply becomes an inbound item, stored once, cursor advancing (${kind})`, async () => {
      const t: TestApp = await startTestApp(kind);
      try {
        const [orgAccount, pub] = await Promise.all([net.createAccount('org'), net.createAccount('pub')]);
        const org = await createOrg(t, 'Bluesky Police');
        const accountId = await connectDirect(t, org, 'bluesky', orgAccount.did, {
          baseUrl: net.pdsUrl,
          handle: orgAccount.handle,
          credentials: { appPassword: orgAccount.appPassword },
        });
        const root = await orgAccount.agent.post({ text: 'Appeal for witnesses on Market Street' });
        await net.waitForAppView();
        const reply = await pub.agent.post({
          text: 'I saw a blue van there around 9pm',
          reply: { root: { uri: root.uri, cid: root.cid }, parent: { uri: root.uri, cid: root.cid } },
        });
        await net.waitForAppView();

        assert.ok((await schedulePolls(t.ctx)) >= 1);
        await makeWorker(t, Object.fromEntries(t.ctx.jobHandlers)).drain();
        const [item, ...rest] = await itemsOf(t, accountId);
        assert.equal(rest.length, 0);
        assert.equal(item!.platform_item_id, reply.uri);
        assert.equal(item!.kind, 'reply');
        assert.equal(item!.text, 'I saw a blue van there around 9pm');
        assert.equal(item!.author_platform_id, pub.did);
        assert.equal(item!.root_id, root.uri);
        assert.equal(JSON.parse(item!.raw).uri, reply.uri);
        const c1 = await t.ctx.db
          .selectFrom('inbound_cursor')
          .selectAll()
          .where('account_id', '=', accountId)
          .executeTakeFirstOrThrow();
        assert.ok(c1.cursor);

        const second = await pub.agent.post({
          text: 'Also a motorbike',
          reply: { root: { uri: root.uri, cid: root.cid }, parent: { uri: reply.uri, cid: reply.cid } },
        });
        await net.waitForAppView();
        const outcome = await pollAccount(t.ctx, accountId);
        assert.equal(outcome.error, null);
        assert.equal(outcome.stored, 1, 'only the new reply');
        const items = await itemsOf(t, accountId);
        assert.deepEqual(items.map((i) => i.platform_item_id).sort(), [reply.uri, second.uri].sort());
        const c2 = await t.ctx.db
          .selectFrom('inbound_cursor')
          .selectAll()
          .where('account_id', '=', accountId)
          .executeTakeFirstOrThrow();
        assert.ok(Date.parse(c2.cursor!) > Date.parse(c1.cursor!), 'the cursor moved forward');
        assert.equal((await pollAccount(t.ctx, accountId)).stored, 0);
      } finally {
        await t.close();
      }
    });
  }
});
