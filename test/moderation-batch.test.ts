// Set-based classification of an ingestion batch: items stored already classified, each acted on once however
// often it arrives, and one hash-chained audit record per batch for what policy did (not one per event).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createOrg, type Org, signIn, startTestApp, type TestApp } from './helpers/app.js';
import { testDbKinds } from './helpers/databases.js';
import { connectDirect } from './helpers/inbound.js';
import { activeDictionary, inbound, ingest } from './helpers/moderation.js';

for (const kind of testDbKinds) {
  describe(`moderation batch (${kind})`, () => {
    let t: TestApp;
    let org: Org;
    let acct: { id: string; org_id: string; platform: string };

    before(async () => {
      t = await startTestApp(kind);
      org = await createOrg(t, 'Batch Police');
      const admin = await signIn(t, org.adminEmail);
      await activeDictionary(t, admin, {
        name: 'insults',
        category: 'insult',
        action: 'hide',
        severity: 'high',
        terms: ['zorblax'],
      });
      acct = { id: await connectDirect(t, org, 'x', '880001'), org_id: org.orgId, platform: 'x' };
    });
    after(() => t.close());

    const audits = () =>
      t.ctx.db
        .selectFrom('audit_record')
        .select(['action', 'summary'])
        .where('org_id', '=', org.orgId)
        .where('action', 'like', 'moderation.%')
        .execute();

    test('one batch: stored classified, jobs once, one audit record; a redelivery changes nothing', async () => {
      const items = [inbound('you zorblax'), inbound('ZORBLAX again'), inbound('what time is it')];
      const rows = await ingest(t, acct, [...items, items[0]!]);
      assert.equal(rows.length, 3, 'the same item twice in one batch is stored once');
      const stored = await t.ctx.db
        .selectFrom('inbound_item')
        .select(['platform_item_id', 'status', 'classified_at', 'action_issued_at'])
        .where('account_id', '=', acct.id)
        .orderBy('platform_item_id')
        .execute();
      const byId = new Map(stored.map((r) => [r.platform_item_id, r]));
      assert.equal(byId.get(items[0]!.ref.id)?.status, 'action_pending');
      assert.equal(byId.get(items[2]!.ref.id)?.status, 'clear');
      assert.ok(stored.every((r) => r.classified_at !== null));
      assert.ok(byId.get(items[1]!.ref.id)?.action_issued_at !== null);
      const jobs = await t.ctx.db
        .selectFrom('job')
        .select('payload')
        .where('type', '=', 'moderation.action')
        .where('org_id', '=', org.orgId)
        .execute();
      assert.equal(jobs.length, 2);
      const audited = await audits();
      assert.deepEqual(
        audited.map((a) => a.action),
        ['moderation.policy_applied'],
      );
      const summary = JSON.parse(audited[0]!.summary);
      assert.deepEqual(summary.actions, { hide: 2 });
      assert.equal(summary.items.length, 2);

      assert.deepEqual(await ingest(t, acct, items), [], 'redelivered: nothing new');
      const again = await t.ctx.db
        .selectFrom('job')
        .select('id')
        .where('type', '=', 'moderation.action')
        .where('org_id', '=', org.orgId)
        .execute();
      assert.equal(again.length, 2, 'no second job for a redelivered item');
      assert.equal((await audits()).length, 1);
    });
  });
}
