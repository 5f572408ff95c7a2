// Reports: schedules (CRUD, audited, permissions, bad input), on-demand builds as printable HTML and a real PDF,
// and scheduled reports e-mailed over a real SMTP server exactly once per period.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { JobWorker } from '../src/jobs/worker.js';
import { buildDueReports } from '../src/modules/reports/jobs.js';
import { startSmtp } from './helpers/alerts.js';
import { insertAccount, insertItem, insertPost, insertTeam, ms } from './helpers/analytics-data.js';
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
import { makeWorker } from './helpers/jobs.js';

const PUBLIC_URL = 'https://parapet.force.example';

for (const kind of testDbKinds) {
  describe(`reports (${kind})`, () => {
    let t: TestApp;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let worker: JobWorker;
    let org: Org;
    let admin: Session;
    let author: Session;
    let otherAdmin: Session;
    const id: Record<string, string> = {};
    const people: Record<string, { id: string; email: string }> = {};

    before(async () => {
      smtp = await startSmtp('parapet', 'smtp-pass-77');
      t = await startTestApp(kind, {
        PARAPET_SMTP_URL: `smtp://parapet:smtp-pass-77@127.0.0.1:${smtp.port}`,
        PARAPET_MAIL_FROM: 'Parapet <reports@force.example>',
        PARAPET_PUBLIC_URL: PUBLIC_URL,
      });
      worker = makeWorker(t, Object.fromEntries(t.ctx.jobHandlers));
      org = await createOrg(t, 'Northshire Police');
      admin = await signIn(t, org.adminEmail);
      people.comms = await addUser(t, org.orgId, ['comms']);
      people.author = await addUser(t, org.orgId, ['author']);
      author = await signIn(t, people.author.email);
      id.team = await insertTeam(t, org.orgId, 'Harbour Team', null);
      id.account = await insertAccount(t, org.orgId, 'harbour_police', id.team);
      for (const [day, likes] of [
        ['2026-10-05', 7],
        ['2026-10-06', 4],
        ['2026-10-07', 2],
      ] as const)
        await insertPost(t, {
          orgId: org.orgId,
          accountId: id.account,
          authorId: org.adminId,
          publishedAt: ms(`${day}T09:00:00Z`),
          text: `Appeal ${day}`,
          metrics: [likes, 1, 0],
        });
      await insertItem(t, {
        orgId: org.orgId,
        accountId: id.account,
        text: 'Any news?',
        receivedAt: ms('2026-10-06T10:00:00Z'),
      });
      otherAdmin = await signIn(t, (await createOrg(t, 'Elsewhere')).adminEmail);
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    test('an on-demand report: HTML with the numbers and an SVG chart, and a valid PDF', async () => {
      const res = await as(t, admin)('POST', '/api/v1/reports/preview', {
        scope: 'team',
        teamId: id.team,
        from: ms('2026-10-05T00:00:00Z'),
        to: ms('2026-10-12T00:00:00Z'),
      });
      assert.equal(res.statusCode, 201, res.body);
      const report = res.json();
      id.preview = report.id;
      assert.match(report.title, /Harbour Team .*2026-10-05 to 2026-10-11/);
      const html = await as(t, admin)('GET', `/api/v1/reports/${report.id}.html`);
      assert.equal(html.statusCode, 200);
      assert.match(String(html.headers['content-type']), /text\/html/);
      assert.match(html.body, /<td>Posts published<\/td><td>3<\/td>/);
      assert.match(html.body, /<td>Engagement \(likes \+ replies \+ reposts\)<\/td><td>16<\/td>/);
      assert.match(html.body, /<td>Replies received<\/td><td>1<\/td>/);
      assert.match(html.body, /<svg[^>]*>[\s\S]*<rect[\s\S]*<polyline/);
      assert.match(html.body, /@media print/);
      assert.ok(!/<script|src="http/.test(html.body), 'self-contained');
      const pdf = await as(t, admin)('GET', `/api/v1/reports/${report.id}.pdf`);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
      assert.match(pdf.rawPayload.toString('latin1'), /\/Type \/Page\b/);
      assert.match(pdf.rawPayload.toString('latin1'), /%%EOF\s*$/);
      const json = await as(t, admin)('GET', `/api/v1/reports/${report.id}`);
      assert.equal(json.json().pdfUrl, `/api/v1/reports/${report.id}.pdf`);
      const audit = await t.ctx.db
        .selectFrom('audit_record')
        .select('action')
        .where('target_id', '=', report.id)
        .execute();
      assert.deepEqual(
        audit.map((a) => a.action),
        ['report.built'],
      );
    });

    test('schedules: CRUD by admin/comms, audited; authors refused; bad input refused with codes', async () => {
      const body = { scope: 'org', cadence: 'weekly', recipients: [people.comms!.id] };
      assert.equal((await as(t, author)('POST', '/api/v1/reports/schedules', body)).statusCode, 403);
      assert.equal(
        (await as(t, author)('POST', '/api/v1/reports/preview', { scope: 'org', from: 0, to: 1000 }))
          .statusCode,
        403,
      );
      const bad: Array<[unknown, number, string]> = [
        [{ ...body, scope: 'team' }, 400, 'team_required'],
        [{ ...body, teamId: id.team }, 400, 'team_not_allowed'],
        [{ ...body, scope: 'team', teamId: 'nope' }, 400, 'unknown_team'],
        [{ ...body, recipients: ['someone-else'] }, 400, 'unknown_recipient'],
        [{ ...body, cadence: 'daily' }, 400, ''],
        [{ ...body, recipients: [] }, 400, ''],
        [{ ...body, extra: 1 }, 400, ''],
      ];
      for (const [b, status, code] of bad) {
        const res = await as(t, admin)('POST', '/api/v1/reports/schedules', b);
        assert.equal(res.statusCode, status, JSON.stringify(b));
        if (code) assert.equal(res.json().error.code, code);
      }
      const created = await as(t, admin)('POST', '/api/v1/reports/schedules', body);
      assert.equal(created.statusCode, 201, created.body);
      const sid = created.json().id;
      const patched = await as(t, admin)('PATCH', `/api/v1/reports/schedules/${sid}`, { cadence: 'monthly' });
      assert.equal(patched.json().cadence, 'monthly');
      assert.equal((await as(t, admin)('GET', '/api/v1/reports/schedules')).json().schedules.length, 1);
      assert.equal((await as(t, author)('GET', '/api/v1/reports/schedules')).statusCode, 403);
      assert.equal((await as(t, otherAdmin)('GET', `/api/v1/reports/schedules/${sid}`)).statusCode, 404);
      assert.equal((await as(t, otherAdmin)('DELETE', `/api/v1/reports/schedules/${sid}`)).statusCode, 404);
      assert.equal((await as(t, admin)('DELETE', `/api/v1/reports/schedules/${sid}`)).statusCode, 200);
      const actions = await t.ctx.db
        .selectFrom('audit_record')
        .select('action')
        .where('target_id', '=', sid)
        .orderBy('seq')
        .execute();
      assert.deepEqual(
        actions.map((a) => a.action),
        ['report_schedule.created', 'report_schedule.updated', 'report_schedule.deleted'],
      );
    });

    test('a weekly report is e-mailed to its recipients once per period, with link and PDF', async () => {
      const res = await as(t, admin)('POST', '/api/v1/reports/schedules', {
        scope: 'team',
        teamId: id.team,
        cadence: 'weekly',
        recipients: [people.comms!.id, people.author!.id],
      });
      assert.equal(res.statusCode, 201, res.body);
      const now = ms('2026-10-14T06:00:00Z'); // a Wednesday: the week of 5-11 October is complete
      const first = await buildDueReports(t.ctx, now);
      assert.equal(first.length, 1);
      assert.deepEqual(
        await buildDueReports(t.ctx, now + 3_600_000),
        [],
        'the same period is not built twice',
      );
      await worker.drain();
      await worker.drain();
      assert.equal(smtp.messages.length, 2);
      assert.deepEqual(
        smtp.messages.flatMap((m) => m.to).sort(),
        [people.author!.email, people.comms!.email].sort(),
      );
      const mail = smtp.messages[0]!.mail;
      assert.match(mail.subject ?? '', /Harbour Team.*2026-10-05 to 2026-10-11/);
      assert.ok(mail.text?.includes(`${PUBLIC_URL}/api/v1/reports/${first[0]}.html`), mail.text);
      assert.equal(mail.attachments.length, 1);
      assert.equal(mail.attachments[0]!.contentType, 'application/pdf');
      assert.equal(mail.attachments[0]!.content.subarray(0, 5).toString(), '%PDF-');

      // The recipient author may read it; another organisation may not.
      assert.equal((await as(t, author)('GET', `/api/v1/reports/${first[0]}.html`)).statusCode, 200);
      assert.ok((await as(t, author)('GET', '/api/v1/reports')).body.includes(first[0]!));
      assert.ok(
        !(await as(t, author)('GET', '/api/v1/reports')).body.includes(id.preview!),
        'not a preview built by someone else',
      );
      assert.equal((await as(t, author)('GET', `/api/v1/reports/${id.preview}.pdf`)).statusCode, 403);
      assert.equal((await as(t, otherAdmin)('GET', `/api/v1/reports/${first[0]}.pdf`)).statusCode, 404);

      const next = await buildDueReports(t.ctx, now + 7 * 86_400_000);
      assert.equal(next.length, 1, 'the next week gets its own report');
      await worker.drain();
      assert.equal(smtp.messages.length, 4);
    });

    test('bad report file names and periods are refused', async () => {
      assert.equal((await as(t, admin)('GET', '/api/v1/reports/abc.exe')).statusCode, 400);
      assert.equal(
        (await as(t, admin)('GET', '/api/v1/reports/00000000-0000-4000-8000-000000000000.pdf')).statusCode,
        404,
      );
      const res = await as(t, admin)('POST', '/api/v1/reports/preview', {
        scope: 'org',
        from: 2000,
        to: 1000,
      });
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().error.code, 'bad_period');
    });
  });
}
