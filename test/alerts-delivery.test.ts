// Alert delivery end to end: e-mail through a real SMTP server, signed webhooks to loopback receivers,
// role defaults, subscriptions, personal alerts, suspended users, retries, and no secret anywhere.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import type { AlertSeverity } from '../src/db/schema/alerts.js';
import type { JobWorker } from '../src/jobs/worker.js';
import { deliverAlert } from '../src/modules/alerts/deliver-job.js';
import { raiseAlert } from '../src/modules/alerts/raise.js';
import { type ReceivedHook, startReceiver, startSmtp } from './helpers/alerts.js';
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
import { makeDue, makeWorker } from './helpers/jobs.js';
import { dumpTables } from './helpers/routes.js';

const SMTP_PASSWORD = 'Pangolin-SmtpPassword-5521';
const PUBLIC_URL = 'https://parapet.force.example';

for (const kind of testDbKinds) {
  describe(`alert delivery (${kind})`, () => {
    let t: TestApp;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let worker: JobWorker;
    let org: Org;
    let admin: Session;
    const people: Record<string, { id: string; email: string }> = {};
    const logLines: string[] = [];
    const bodies: string[] = [];
    const webhookSecrets: string[] = [];

    const raise = async (
      kind: string,
      extra: { severity?: AlertSeverity; recipientUserId?: string } = {},
    ) => {
      const id = await raiseAlert(t.ctx.db, {
        orgId: org.orgId,
        kind,
        severity: extra.severity ?? 'urgent',
        summary: `Test ${kind}`,
        subject: { type: 'inbound_item', id: 'item-42' },
        recipientUserId: extra.recipientUserId ?? null,
      });
      assert.ok(id);
      return id;
    };
    /** Raises an alert, runs every due job, and returns who got an e-mail about it. */
    const mailedFor = async (kind: string, extra: Parameters<typeof raise>[1] = {}) => {
      const before = smtp.messages.length;
      const id = await raise(kind, extra);
      await worker.drain();
      return {
        id,
        to: smtp.messages
          .slice(before)
          .flatMap((m) => m.to)
          .sort(),
      };
    };
    const call = async (
      s: Session,
      method: 'GET' | 'POST' | 'PUT' | 'DELETE',
      url: string,
      body?: unknown,
    ) => {
      const res = await as(t, s)(method, url, body);
      bodies.push(res.body);
      return res;
    };

    before(async () => {
      smtp = await startSmtp('parapet', SMTP_PASSWORD);
      const stream = new Writable({
        write(chunk: Buffer, _enc, done) {
          logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
          done();
        },
      });
      t = await startTestApp(
        kind,
        {
          LOG_LEVEL: 'trace',
          PARAPET_SMTP_URL: `smtp://parapet:${SMTP_PASSWORD}@127.0.0.1:${smtp.port}`,
          PARAPET_MAIL_FROM: 'Parapet Alerts <alerts@force.example>',
          PARAPET_PUBLIC_URL: PUBLIC_URL,
        },
        { logDestination: stream },
      );
      worker = makeWorker(t, Object.fromEntries(t.ctx.jobHandlers), { logger: t.ctx.logger });
      org = await createOrg(t);
      admin = await signIn(t, org.adminEmail);
      people.admin = { id: org.adminId, email: org.adminEmail };
      for (const role of ['moderator', 'comms', 'author', 'auditor'] as const)
        people[role] = await addUser(t, org.orgId, [role]);
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    test('e-mail goes over SMTP to the roles that receive the kind, with subject, recipient and link', async () => {
      const safeguarding = await mailedFor('safeguarding.item');
      assert.deepEqual(
        safeguarding.to,
        [people.admin!.email, people.moderator!.email, people.comms!.email].sort(),
        'safeguarding → moderators, comms and admins; never authors or auditors',
      );
      const mail = smtp.messages.find((m) => m.to.includes(people.moderator!.email))!.mail;
      assert.equal(mail.subject, '[Parapet] URGENT: Test safeguarding.item');
      assert.equal(mail.from?.value[0]?.address, 'alerts@force.example');
      assert.ok(mail.text?.includes(`${PUBLIC_URL}/review/item-42`), mail.text);

      const hijack = await mailedFor('publishing.hijack');
      assert.deepEqual(
        hijack.to,
        [people.admin!.email, people.comms!.email].sort(),
        'hijack → comms and admins',
      );
      const expired = await mailedFor('account.credentials_expired');
      assert.deepEqual(expired.to, [people.admin!.email, people.comms!.email].sort());
      const sla = await mailedFor('review.sla_breach');
      assert.equal(sla.to.length, 3);
      assert.deepEqual(
        (await mailedFor('licence.expired')).to,
        [],
        'licence alerts are in-app only by default',
      );

      const row = await t.ctx.db
        .selectFrom('alert_event')
        .select('delivered_at')
        .where('id', '=', safeguarding.id)
        .executeTakeFirstOrThrow();
      assert.ok(row.delivered_at, 'delivered_at is set');
      const records = await t.ctx.db
        .selectFrom('alert_delivery')
        .selectAll()
        .where('alert_id', '=', safeguarding.id)
        .execute();
      assert.equal(records.length, 3);
      assert.ok(
        records.every((r) => r.status === 'sent' && Number(r.attempts) === 1 && r.channel === 'email'),
      );
    });

    test('a personal alert reaches only its recipient', async () => {
      const { to } = await mailedFor('publishing.decision', { recipientUserId: people.author!.id });
      assert.deepEqual(to, [people.author!.email]);
    });

    test('subscriptions: opting out of e-mail for a kind, opting in where the role default is in-app only', async () => {
      const moderator = await signIn(t, people.moderator!.email);
      const comms = await signIn(t, people.comms!.email);
      const put = await call(moderator, 'PUT', '/api/v1/me/alert-subscriptions', {
        subscriptions: [{ kindPrefix: 'safeguarding.*', channel: 'email', enabled: false }],
      });
      assert.equal(put.statusCode, 200, put.body);
      assert.deepEqual(put.json().subscriptions, [
        { kindPrefix: 'safeguarding', channel: 'email', enabled: false },
      ]);
      await call(comms, 'PUT', '/api/v1/me/alert-subscriptions', {
        subscriptions: [{ kindPrefix: 'licence', channel: 'email', enabled: true }],
      });
      const { to } = await mailedFor('safeguarding.item');
      assert.ok(!to.includes(people.moderator!.email), 'the moderator opted out');
      assert.ok(to.includes(people.admin!.email));
      assert.deepEqual((await mailedFor('licence.expired')).to, [people.comms!.email]);
      // The moderator still gets review alerts by e-mail: the opt-out was for safeguarding only.
      assert.ok((await mailedFor('review.sla_breach')).to.includes(people.moderator!.email));
      // A subscription never widens who sees an alert: an author cannot subscribe into safeguarding.
      const author = await signIn(t, people.author!.email);
      await call(author, 'PUT', '/api/v1/me/alert-subscriptions', {
        subscriptions: [{ kindPrefix: '*', channel: 'email', enabled: true }],
      });
      assert.ok(!(await mailedFor('safeguarding.item')).to.includes(people.author!.email));
      const bad = await call(moderator, 'PUT', '/api/v1/me/alert-subscriptions', {
        subscriptions: [
          { kindPrefix: 'review', channel: 'email', enabled: false },
          { kindPrefix: 'review.*', channel: 'email', enabled: true },
        ],
      });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'duplicate_subscription');
      const badPrefix = await call(moderator, 'PUT', '/api/v1/me/alert-subscriptions', {
        subscriptions: [{ kindPrefix: 'Safeguarding!', channel: 'sms', enabled: true }],
      });
      assert.equal(badPrefix.statusCode, 400);
      await call(moderator, 'PUT', '/api/v1/me/alert-subscriptions', { subscriptions: [] });
    });

    test('a suspended user receives nothing, and a queued e-mail to them is cancelled', async () => {
      const extra = await addUser(t, org.orgId, ['moderator']);
      const suspend = await call(admin, 'POST', `/api/v1/users/${extra.id}/suspend`, {
        reason: 'left the force',
      });
      assert.equal(suspend.statusCode, 200, suspend.body);
      assert.ok(!(await mailedFor('safeguarding.item')).to.includes(extra.email));

      // Suspended between fan-out and sending: the queued e-mail is cancelled, not sent.
      const other = await addUser(t, org.orgId, ['moderator']);
      const id = await raise('safeguarding.item');
      await deliverAlert(t.ctx, id);
      await t.ctx.db
        .updateTable('app_user')
        .set({ status: 'suspended' })
        .where('id', '=', other.id)
        .execute();
      const before = smtp.messages.length;
      await worker.drain();
      const sentTo = smtp.messages.slice(before).flatMap((m) => m.to);
      assert.ok(sentTo.includes(people.admin!.email) && !sentTo.includes(other.email));
      const record = await t.ctx.db
        .selectFrom('alert_delivery')
        .selectAll()
        .where('alert_id', '=', id)
        .where('user_id', '=', other.id)
        .executeTakeFirstOrThrow();
      assert.equal(record.status, 'cancelled');
    });

    test('webhooks: signed POSTs, a failing endpoint retried without blocking the others, history, test and delete', async () => {
      const good = await startReceiver();
      let failing = 500;
      const bad = await startReceiver(() => failing);
      try {
        for (const url of [
          'ftp://example.test/hook',
          'file:///etc/passwd',
          'javascript:alert(1)',
          'not a url',
          'https://u:p@example.test/',
        ]) {
          const res = await call(admin, 'POST', '/api/v1/alert-webhooks', { name: 'x', url });
          assert.equal(res.statusCode, 400, `${url} → ${res.body}`);
          assert.equal(res.json().error.code, 'invalid_url');
        }
        const created = await call(admin, 'POST', '/api/v1/alert-webhooks', { name: 'Teams', url: good.url });
        assert.equal(created.statusCode, 201, created.body);
        const { webhook, secret } = created.json() as {
          webhook: { id: string; url: string };
          secret: string;
        };
        webhookSecrets.push(secret);
        assert.match(secret, /^whsec_/);
        assert.equal(webhook.url, `${new URL(good.url).origin}/…`, 'the capability path is not shown');
        const failingHook = (
          await call(admin, 'POST', '/api/v1/alert-webhooks', { name: 'On-call', url: bad.url })
        ).json();
        webhookSecrets.push(failingHook.secret);
        const onlyPublishing = (
          await call(admin, 'POST', '/api/v1/alert-webhooks', {
            name: 'Publishing desk',
            url: good.url,
            kinds: ['publishing.*'],
            minSeverity: 'warning',
          })
        ).json();
        webhookSecrets.push(onlyPublishing.secret);

        const list = await call(admin, 'GET', '/api/v1/alert-webhooks');
        assert.equal(list.json().webhooks.length, 3);
        assert.ok(!list.body.includes(secret) && !list.body.includes('parapet-capability-path'));
        const moderator = await signIn(t, people.moderator!.email);
        assert.equal((await call(moderator, 'GET', '/api/v1/alert-webhooks')).statusCode, 403);

        const alertId = await raise('safeguarding.item');
        await worker.drain();
        assert.equal(
          good.received.length,
          1,
          'the healthy endpoint got it at once, the kind filter kept the other out',
        );
        const hook = good.received[0] as ReceivedHook;
        const ts = String(hook.headers['x-parapet-timestamp']);
        assert.ok(Math.abs(Number(ts) - Date.now() / 1000) < 60);
        const expected = `sha256=${createHmac('sha256', secret).update(`${ts}.${hook.body}`).digest('hex')}`;
        assert.equal(hook.headers['x-parapet-signature'], expected);
        const payload = JSON.parse(hook.body);
        assert.equal(payload.alert.id, alertId);
        assert.equal(payload.alert.link, `${PUBLIC_URL}/review/item-42`);

        const history = async (id: string) =>
          (await call(admin, 'GET', `/api/v1/alert-webhooks/${id}/deliveries`)).json().deliveries as Array<{
            status: string;
            attempts: number;
            lastError: string | null;
            responseStatus: number | null;
          }>;
        const [first] = await history(failingHook.webhook.id);
        assert.equal(first!.status, 'retrying');
        assert.equal(first!.attempts, 1);
        assert.equal(first!.responseStatus, 500);
        assert.match(first!.lastError!, /HTTP 500/);
        assert.equal((await history(webhook.id))[0]!.status, 'sent');

        // The failing endpoint's retry waits for its backoff; another alert meanwhile reaches the healthy one.
        // (Its backoff is pushed out of reach first: on a loaded machine the real one can elapse mid-test.)
        await t.ctx.db
          .updateTable('job')
          .set({ run_after: Date.now() + 3_600_000 })
          .where('type', '=', 'alerts.send')
          .where('status', '=', 'pending')
          .execute();
        await raise('publishing.failed', { severity: 'warning' });
        await worker.drain();
        assert.equal(good.received.length, 3, 'general + publishing endpoints got the publishing alert');
        failing = 200;
        const retry = await t.ctx.db
          .selectFrom('job')
          .select(['id', 'payload'])
          .where('type', '=', 'alerts.send')
          .where('status', '=', 'pending')
          .execute();
        for (const j of retry) await makeDue(t, j.id);
        await worker.drain();
        const [, retried] = await history(failingHook.webhook.id);
        assert.equal(retried!.status, 'sent');
        assert.equal(retried!.attempts, 2);

        const tested = await call(admin, 'POST', `/api/v1/alert-webhooks/${webhook.id}/test`);
        assert.equal(tested.statusCode, 202, tested.body);
        await worker.drain();
        assert.equal(JSON.parse(good.received.at(-1)!.body).type, 'test');

        assert.equal((await call(admin, 'DELETE', `/api/v1/alert-webhooks/${webhook.id}`)).statusCode, 200);
        assert.equal((await call(admin, 'GET', '/api/v1/alert-webhooks')).json().webhooks.length, 2);
        const countBefore = good.received.length;
        await raise('safeguarding.item');
        await worker.drain();
        assert.equal(good.received.length, countBefore, 'a deleted endpoint receives nothing');
        const personal = await raise('publishing.decision', {
          recipientUserId: people.author!.id,
          severity: 'info',
        });
        await worker.drain();
        assert.ok(
          !bad.received.some((r) => r.body.includes(personal)),
          'personal alerts never go to webhooks',
        );
        for (const r of [...good.received, ...bad.received])
          for (const s of webhookSecrets) assert.ok(!r.body.includes(s), 'no secret in a webhook body');
      } finally {
        await good.close();
        await bad.close();
      }
    });

    test('no SMTP password or webhook secret in logs, responses, jobs or rows outside the vault', async () => {
      assert.ok(logLines.length > 10, 'logs were captured');
      const tables = await dumpTables(t.ctx.db);
      const rows = Object.entries(tables)
        .filter(([name]) => name !== 'vault_secret')
        .map(([, r]) => JSON.stringify(r))
        .join('\n');
      const secrets = [SMTP_PASSWORD, ...webhookSecrets, 'parapet-capability-path'];
      assert.ok(webhookSecrets.length >= 3);
      for (const s of secrets) {
        assert.ok(!logLines.some((l) => l.includes(s)), `a log line holds ${s}`);
        assert.ok(!rows.includes(s), `a database row outside the vault holds ${s}`);
      }
      for (const s of [SMTP_PASSWORD, 'parapet-capability-path'])
        assert.ok(!bodies.some((b) => b.includes(s)), `a response holds ${s}`);
      // The webhook secrets appear in exactly one response each: their creation.
      for (const s of webhookSecrets) assert.equal(bodies.filter((b) => b.includes(s)).length, 1);
    });
  });
}
