// Licence to post: agreement versions, acceptance, training with expiry, the posting check and its alerts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AppError } from '../src/http/errors.js';
import { assertLicenceToPost, licenceStatus } from '../src/modules/licence/check.js';
import { checkTrainingExpiry } from '../src/modules/licence/expiry-job.js';
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

const DAY = 86_400_000;

for (const kind of testDbKinds) {
  describe(`licence to post (${kind})`, () => {
    let t: TestApp;
    let org: Org;
    let admin: Session;
    let author: { id: string; email: string };
    let authorS: Session;
    let auditorS: Session;

    const alerts = (userId: string, kindOf: string) =>
      t.ctx.db
        .selectFrom('alert_event')
        .selectAll()
        .where('recipient_user_id', '=', userId)
        .where('kind', '=', kindOf)
        .execute();
    const auditActions = async (action: string) =>
      (
        await t.ctx.db
          .selectFrom('audit_record')
          .select('summary')
          .where('org_id', '=', org.orgId)
          .where('action', '=', action)
          .execute()
      ).length;
    const rejection = async (userId: string) => {
      try {
        await assertLicenceToPost(t.ctx.db, org.orgId, userId);
        return null;
      } catch (err) {
        assert.ok(err instanceof AppError);
        assert.equal(err.status, 403);
        assert.equal(err.code, 'licence_required');
        return err.message;
      }
    };
    const publish = (title: string, body = 'Be professional. Never post personal data.') =>
      as(t, admin)('POST', '/api/v1/licence/agreements', { title, body });

    before(async () => {
      t = await startTestApp(kind);
      org = await createOrg(t, 'Licence force');
      admin = await signIn(t, org.adminEmail);
      author = await addUser(t, org.orgId, ['author']);
      authorS = await signIn(t, author.email);
      auditorS = await signIn(t, (await addUser(t, org.orgId, ['auditor'])).email);
    });
    after(() => t.close());

    test('before any agreement is published, posting is allowed (documented choice)', async () => {
      const status = await licenceStatus(t.ctx.db, org.orgId, author.id);
      assert.deepEqual(
        {
          canPost: status.canPost,
          currentVersion: status.currentVersion,
          acceptedVersion: status.acceptedVersion,
        },
        { canPost: true, currentVersion: null, acceptedVersion: null },
      );
      assert.equal(await rejection(author.id), null);
      const accept = await as(t, authorS)('POST', '/api/v1/licence/accept', { version: 1 });
      assert.equal(accept.statusCode, 404, accept.body);
    });

    test('version 1 suspends everyone until accepted, with an alert each; accepting restores', async () => {
      const res = await publish('Social media agreement');
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().version, 1);
      assert.equal(
        await rejection(author.id),
        'Accept version 1 of the social media agreement in Parapet before posting.',
      );
      assert.equal((await licenceStatus(t.ctx.db, org.orgId, author.id)).reason, 'agreement_not_accepted');
      assert.equal((await alerts(author.id, 'licence.new_version')).length, 1);
      assert.equal((await alerts(org.adminId, 'licence.new_version')).length, 1);

      const accepted = await as(t, authorS)('POST', '/api/v1/licence/accept', { version: 1 });
      assert.equal(accepted.statusCode, 200, accepted.body);
      assert.equal(accepted.json().canPost, true);
      assert.equal(await rejection(author.id), null);
      const row = await t.ctx.db
        .selectFrom('licence_acceptance')
        .selectAll()
        .where('user_id', '=', author.id)
        .executeTakeFirstOrThrow();
      assert.equal(Number(row.version), 1);
      assert.ok(row.ip, 'the IP address is recorded');
      assert.ok(Number(row.accepted_at) > Date.now() - 60_000);
      // Accepting again changes nothing (no second record).
      assert.equal((await as(t, authorS)('POST', '/api/v1/licence/accept', { version: 1 })).statusCode, 200);
      assert.equal(await auditActions('licence.accepted'), 1);
    });

    test('a new version suspends those who accepted the old one; the old version is refused with 409', async () => {
      assert.equal((await publish('Social media agreement', 'Version 2 text')).statusCode, 201);
      assert.equal((await publish('Social media agreement', 'Version 3 text')).statusCode, 201);
      const status = await licenceStatus(t.ctx.db, org.orgId, author.id);
      assert.equal(status.reason, 'agreement_outdated');
      assert.equal(status.acceptedVersion, 1);
      assert.equal(status.currentVersion, 3);
      assert.match((await rejection(author.id)) ?? '', /accept version 3/);
      assert.equal((await alerts(author.id, 'licence.new_version')).length, 3);

      const old = await as(t, authorS)('POST', '/api/v1/licence/accept', { version: 2 });
      assert.equal(old.statusCode, 409);
      assert.equal(old.json().error.code, 'agreement_outdated');
      const future = await as(t, authorS)('POST', '/api/v1/licence/accept', { version: 9 });
      assert.equal(future.statusCode, 404);
      assert.equal((await as(t, authorS)('POST', '/api/v1/licence/accept', { version: 3 })).statusCode, 200);
      assert.equal(await rejection(author.id), null);

      const mine = (await as(t, authorS)('GET', '/api/v1/me/licence')).json();
      assert.equal(mine.acceptedVersion, 3);
      assert.equal(mine.canPost, true);
      assert.ok(mine.acceptedAt > 0);
      assert.equal(await auditActions('licence.agreement_published'), 3);
    });

    test('agreements are listed and read by any member; only admin/comms publish', async () => {
      const list = (await as(t, authorS)('GET', '/api/v1/licence/agreements')).json();
      assert.deepEqual(
        list.agreements.map((a: { version: number }) => a.version),
        [3, 2, 1],
      );
      assert.equal(list.agreements[0].body, undefined, 'the list has no bodies');
      const v2 = await as(t, authorS)('GET', '/api/v1/licence/agreements/2');
      assert.equal(v2.statusCode, 200);
      assert.equal(v2.json().body, 'Version 2 text');
      assert.equal(v2.json().publishedBy, org.adminEmail);
      assert.equal((await as(t, authorS)('GET', '/api/v1/licence/agreements/99')).statusCode, 404);
      assert.equal((await as(t, authorS)('GET', '/api/v1/licence/agreements/abc')).statusCode, 400);
      const denied = await as(t, authorS)('POST', '/api/v1/licence/agreements', { title: 'x', body: 'y' });
      assert.equal(denied.statusCode, 403);
      assert.equal(
        (await as(t, auditorS)('POST', '/api/v1/licence/agreements', { title: 'x', body: 'y' })).statusCode,
        403,
      );
      for (const bad of [
        {},
        { title: '', body: 'y' },
        { title: 'x', body: 'y', format: 'html' },
        { title: 'x', body: 'y', extra: 1 },
      ]) {
        const res = await as(t, admin)('POST', '/api/v1/licence/agreements', bad);
        assert.equal(res.statusCode, 400, JSON.stringify(bad));
        assert.ok(res.json().error.code);
      }
      for (const bad of [{}, { version: 0 }, { version: '3' }, { version: 1.5 }])
        assert.equal(
          (await as(t, authorS)('POST', '/api/v1/licence/accept', bad)).statusCode,
          400,
          JSON.stringify(bad),
        );
    });

    test('training required: missing, then recorded, then expired suspends; the list shows everyone', async () => {
      const set = await as(t, admin)('PUT', '/api/v1/licence/settings', {
        trainingRequired: true,
        warnDaysBeforeExpiry: 10,
      });
      assert.equal(set.statusCode, 200, set.body);
      assert.deepEqual(set.json(), { trainingRequired: true, warnDaysBeforeExpiry: 10 });
      assert.equal((await licenceStatus(t.ctx.db, org.orgId, author.id)).reason, 'training_missing');
      assert.match((await rejection(author.id)) ?? '', /training/);

      const now = Date.now();
      const put = await as(t, admin)('PUT', `/api/v1/licence/users/${author.id}/training`, {
        completedAt: now - 300 * DAY,
        expiresAt: now + 30 * DAY,
      });
      assert.equal(put.statusCode, 200, put.body);
      assert.equal(await rejection(author.id), null);
      assert.equal(
        (await licenceStatus(t.ctx.db, org.orgId, author.id, now + 31 * DAY)).reason,
        'training_expired',
      );

      const users = await as(t, auditorS)('GET', '/api/v1/licence/users');
      assert.equal(users.statusCode, 200);
      const row = users.json().users.find((u: { userId: string }) => u.userId === author.id);
      assert.equal(row.canPost, true);
      assert.equal(row.acceptedVersion, 3);
      assert.equal(row.trainingExpiresAt, now + 30 * DAY);
      const adminRow = users.json().users.find((u: { userId: string }) => u.userId === org.adminId);
      assert.equal(adminRow.canPost, false);
      assert.equal(adminRow.reason, 'agreement_not_accepted');
      assert.equal((await as(t, authorS)('GET', '/api/v1/licence/users')).statusCode, 403);
    });

    test('bad training input and permissions', async () => {
      const url = `/api/v1/licence/users/${author.id}/training`;
      const now = Date.now();
      const inverted = await as(t, admin)('PUT', url, { completedAt: now, expiresAt: now - 1 });
      assert.equal(inverted.statusCode, 400);
      assert.equal(inverted.json().error.code, 'invalid_training');
      const future = await as(t, admin)('PUT', url, {
        completedAt: now + 10 * DAY,
        expiresAt: now + 20 * DAY,
      });
      assert.equal(future.statusCode, 400);
      assert.equal(
        (await as(t, admin)('PUT', url, { completedAt: 'yesterday', expiresAt: now })).statusCode,
        400,
      );
      assert.equal(
        (await as(t, authorS)('PUT', url, { completedAt: now - DAY, expiresAt: now + DAY })).statusCode,
        403,
      );
      assert.equal(
        (
          await as(t, admin)('PUT', '/api/v1/licence/users/nobody/training', {
            completedAt: now - DAY,
            expiresAt: now + DAY,
          })
        ).statusCode,
        404,
      );
      const other = await addUser(t, org.orgId, ['author']);
      assert.equal(
        (await as(t, admin)('DELETE', `/api/v1/licence/users/${other.id}/training`)).statusCode,
        404,
      );
      assert.equal(
        (await as(t, authorS)('PUT', '/api/v1/licence/settings', { trainingRequired: false })).statusCode,
        403,
      );
      for (const bad of [{}, { warnDaysBeforeExpiry: -1 }, { trainingRequired: 'yes' }])
        assert.equal(
          (await as(t, admin)('PUT', '/api/v1/licence/settings', bad)).statusCode,
          400,
          JSON.stringify(bad),
        );
      assert.equal(await auditActions('licence.settings_changed'), 1);
      assert.ok((await auditActions('licence.training_recorded')) >= 1);
    });

    test('the expiry job warns before and alerts once on expiry; deleting the record suspends', async () => {
      const now = Date.now();
      const url = `/api/v1/licence/users/${author.id}/training`;
      assert.equal(
        (await as(t, admin)('PUT', url, { completedAt: now - 300 * DAY, expiresAt: now + 5 * DAY }))
          .statusCode,
        200,
      );
      const first = await checkTrainingExpiry(t.ctx, now);
      assert.equal(first.warned >= 1, true);
      assert.equal((await alerts(author.id, 'licence.training_expiring')).length, 1);
      await checkTrainingExpiry(t.ctx, now + DAY);
      assert.equal((await alerts(author.id, 'licence.training_expiring')).length, 1, 'warned once');

      const later = now + 6 * DAY;
      await checkTrainingExpiry(t.ctx, later);
      await checkTrainingExpiry(t.ctx, later + DAY);
      const expired = await alerts(author.id, 'licence.training_expired');
      assert.equal(expired.length, 1, 'told once');
      assert.match(expired[0]!.summary, /suspended/);
      assert.equal((await licenceStatus(t.ctx.db, org.orgId, author.id, later)).reason, 'training_expired');
      assert.equal(await auditActions('licence.training_expired'), 1);

      // Renewing gives a new expiry: a later expiry is told again (dedupe is per user + expiry).
      assert.equal(
        (await as(t, admin)('PUT', url, { completedAt: now - DAY, expiresAt: now + 2 * DAY })).statusCode,
        200,
      );
      await checkTrainingExpiry(t.ctx, now + 3 * DAY);
      assert.equal((await alerts(author.id, 'licence.training_expired')).length, 2);

      assert.equal((await as(t, admin)('DELETE', url)).statusCode, 200);
      assert.equal((await licenceStatus(t.ctx.db, org.orgId, author.id)).reason, 'training_missing');
      assert.equal(await auditActions('licence.training_cleared'), 1);
      // Turning the requirement off restores posting for someone with no training record.
      assert.equal(
        (await as(t, admin)('PUT', '/api/v1/licence/settings', { trainingRequired: false })).statusCode,
        200,
      );
      assert.equal(await rejection(author.id), null);
    });

    test('another organisation sees none of this and cannot act on it', async () => {
      const other = await createOrg(t, 'Other force');
      const otherAdmin = await signIn(t, other.adminEmail);
      const list = await as(t, otherAdmin)('GET', '/api/v1/licence/agreements');
      assert.deepEqual(list.json().agreements, []);
      assert.equal((await as(t, otherAdmin)('GET', '/api/v1/licence/agreements/1')).statusCode, 404);
      const users = (await as(t, otherAdmin)('GET', '/api/v1/licence/users')).json().users;
      assert.ok(users.every((u: { userId: string }) => u.userId !== author.id));
      const now = Date.now();
      const res = await as(t, otherAdmin)('PUT', `/api/v1/licence/users/${author.id}/training`, {
        completedAt: now - DAY,
        expiresAt: now + DAY,
      });
      assert.equal(res.statusCode, 404);
      // Org B's own posting is unaffected by org A's agreement.
      assert.equal((await licenceStatus(t.ctx.db, other.orgId, other.adminId)).canPost, true);
    });
  });
}
