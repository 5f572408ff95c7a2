// Scheduling with offsets and IANA time zones (DST gaps, bad zones, the past) and the per-user posting rate
// limit with its volume alert.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Org, startTestApp, type TestApp } from './helpers/app.js';
import { testDbKinds } from './helpers/databases.js';
import {
  auditActions,
  composeWorld,
  grant,
  type Person,
  person,
  publishJobs,
} from './helpers/publishing-compose.js';

const FUTURE = '2099-06-01T09:00:00+01:00';

for (const kind of testDbKinds) {
  describe(`publishing: scheduling and posting rate (${kind})`, () => {
    let t: TestApp;
    let org: Org;
    let admin: Person;
    let direct: Person;
    let sb1: string;
    let sb2: string;

    before(async () => {
      t = await startTestApp(kind);
      ({ org, admin, direct, sb1, sb2 } = await composeWorld(t));
    });
    after(() => t.close());

    test('scheduling: offsets and IANA zones stored as UTC; DST gap, bad zone, missing zone and the past refused', async () => {
      const post = async (body: Record<string, unknown>) =>
        admin.api('POST', '/api/v1/posts', { accountIds: [sb1], text: 'Scheduled', ...body });
      const iso = (await post({ scheduledAt: FUTURE })).json().posts[0];
      assert.equal(iso.scheduledAt, Date.parse('2099-06-01T08:00:00Z'));
      assert.equal(iso.timeZone, null);
      const summer = (await post({ scheduledAt: '2099-07-01T09:00', timeZone: 'Europe/London' })).json()
        .posts[0];
      assert.equal(summer.scheduledAt, Date.parse('2099-07-01T08:00:00Z'), 'BST is UTC+1');
      assert.equal(summer.timeZone, 'Europe/London');
      const winter = (await post({ scheduledAt: '2099-01-15T09:00', timeZone: 'Europe/London' })).json()
        .posts[0];
      assert.equal(winter.scheduledAt, Date.parse('2099-01-15T09:00:00Z'));
      const ny = (await post({ scheduledAt: '2099-01-15T09:00', timeZone: 'America/New_York' })).json()
        .posts[0];
      assert.equal(ny.scheduledAt, Date.parse('2099-01-15T14:00:00Z'));
      // 2099-03-29 is the last Sunday of March: 01:00–02:00 does not exist in London.
      const gap = await post({ scheduledAt: '2099-03-29T01:30', timeZone: 'Europe/London' });
      assert.equal(gap.statusCode, 400);
      assert.equal(gap.json().error.code, 'schedule_in_dst_gap');
      assert.match(gap.json().error.message, /does not exist in Europe\/London/);
      for (const [body, code] of [
        [{ scheduledAt: '2099-01-15T09:00', timeZone: 'Mars/Olympus_Mons' }, 'invalid_time_zone'],
        [{ scheduledAt: '2099-01-15T09:00' }, 'time_zone_required'],
        [{ scheduledAt: '2020-01-15T09:00:00Z' }, 'schedule_in_past'],
        [{ scheduledAt: '2099-02-30T09:00:00Z' }, 'invalid_schedule'],
        [{ scheduledAt: 'next tuesday' }, 'invalid_schedule'],
      ] as const) {
        const res = await post(body);
        assert.equal(res.statusCode, 400, `${JSON.stringify(body)} → ${res.body}`);
        assert.equal(res.json().error.code, code);
      }
      const job = await direct.api('POST', '/api/v1/posts', {
        accountIds: [sb1],
        text: 'Later',
        scheduledAt: FUTURE,
        submit: true,
      });
      const [queued] = await publishJobs(t, job.json().posts[0].id);
      assert.equal(
        Number(queued!.run_after),
        Date.parse('2099-06-01T08:00:00Z'),
        'the publish job waits for the time',
      );
    });

    test('posting rate limit per user (429 with Retry-After) and one volume alert per user per hour', async () => {
      assert.equal(
        (
          await direct.api('PUT', '/api/v1/publishing/settings', {
            postsPerUserPerHour: 3,
            volumeAlertPerHour: 2,
          })
        ).statusCode,
        403,
      );
      const set = await admin.api('PUT', '/api/v1/publishing/settings', {
        postsPerUserPerHour: 3,
        volumeAlertPerHour: 1,
      });
      assert.equal(set.statusCode, 200, set.body);
      assert.deepEqual((await admin.api('GET', '/api/v1/publishing/settings')).json(), {
        postsPerUserPerHour: 3,
        volumeAlertPerHour: 1,
      });
      const author = await person(t, org.orgId, ['author']);
      await grant(admin, sb1, author.id, ['publish_directly']);
      await grant(admin, sb2, author.id, ['publish_directly']);
      const send = (accountIds: string[]) =>
        author.api('POST', '/api/v1/posts', { accountIds, text: `Update ${Math.random()}`, submit: true });
      assert.equal((await send([sb1])).statusCode, 201);
      assert.equal((await send([sb1, sb2])).statusCode, 201, 'three in the hour: at the limit');
      const refused = await send([sb1]);
      assert.equal(refused.statusCode, 429, refused.body);
      assert.equal(refused.json().error.code, 'posting_rate_limited');
      const retry = Number(refused.headers['retry-after']);
      assert.ok(retry > 3500 && retry <= 3600, `Retry-After ${retry}`);
      const draftOk = await author.api('POST', '/api/v1/posts', {
        accountIds: [sb1],
        text: 'saved for later',
      });
      assert.equal(draftOk.statusCode, 201, 'drafts are not limited');
      const alerts = await t.ctx.db
        .selectFrom('alert_event')
        .selectAll()
        .where('kind', '=', 'publishing.volume')
        .where('subject_id', '=', author.id)
        .execute();
      assert.equal(alerts.length, 1, 'above the threshold twice, alerted once');
      assert.match(alerts[0]!.summary, /submitted 3 posts in the last hour/);
      await admin.api('PUT', '/api/v1/publishing/settings', {
        postsPerUserPerHour: 30,
        volumeAlertPerHour: 20,
      });
      assert.ok(
        (await auditActions(t, org.orgId)).filter((a) => a === 'publishing.settings_changed').length >= 2,
      );
    });

    test('simultaneous submissions cannot squeeze past the hourly limit', async () => {
      await admin.api('PUT', '/api/v1/publishing/settings', {
        postsPerUserPerHour: 3,
        volumeAlertPerHour: 100,
      });
      const author = await person(t, org.orgId, ['author']);
      await grant(admin, sb1, author.id, ['publish_directly']);
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          author.api('POST', '/api/v1/posts', { accountIds: [sb1], text: `Burst ${i}`, submit: true }),
        ),
      );
      const codes = results.map((r) => r.statusCode).sort();
      assert.deepEqual(codes, [...Array(3).fill(201), ...Array(9).fill(429)]);
      await admin.api('PUT', '/api/v1/publishing/settings', {
        postsPerUserPerHour: 30,
        volumeAlertPerHour: 20,
      });
    });
  });
}
