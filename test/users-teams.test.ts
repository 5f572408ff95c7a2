// User administration (create, invite, change, suspend, who may do what) and the team hierarchy.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  addUser,
  as,
  createOrg,
  type Org,
  PASSWORD,
  type Session,
  signIn,
  startTestApp,
  type TestApp,
  uniqueEmail,
} from './helpers/app.js';
import { testDbKinds } from './helpers/databases.js';

const tokenOf = (inviteUrl: string) => new URL(inviteUrl).hash.replace(/^#token=/, '');

for (const kind of testDbKinds) {
  describe(`users and teams (${kind})`, () => {
    let t: TestApp;
    let org: Org;
    let admin: Session;
    before(async () => {
      t = await startTestApp(kind, { PARAPET_PUBLIC_URL: 'https://parapet.example.test' });
      org = await createOrg(t);
      admin = await signIn(t, org.adminEmail);
    });
    after(() => t.close());

    const lastAudit = (targetId: string, action: string) =>
      t.ctx.db
        .selectFrom('audit_record')
        .selectAll()
        .where('target_id', '=', targetId)
        .where('action', '=', action)
        .orderBy('seq', 'desc')
        .executeTakeFirst();

    test('an admin creates a user with a password; duplicates and weak passwords are refused', async () => {
      const email = uniqueEmail('alice');
      const res = await as(t, admin)('POST', '/api/v1/users', {
        email: email.toUpperCase(),
        name: 'Alice',
        roles: ['author'],
        password: PASSWORD,
      });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().inviteUrl, null);
      assert.equal(res.json().user.email, email);
      assert.equal(res.json().user.hasPassword, true);
      assert.equal((await signIn(t, email)).stage, 'active');
      assert.ok(await lastAudit(res.json().user.id, 'user.created'));

      const dup = await as(t, admin)('POST', '/api/v1/users', {
        email,
        name: 'Alice 2',
        roles: ['author'],
        password: PASSWORD,
      });
      assert.equal(dup.statusCode, 409);
      assert.equal(dup.json().error.code, 'email_taken');
      const weak = await as(t, admin)('POST', '/api/v1/users', {
        email: uniqueEmail('weak'),
        name: 'W',
        roles: ['author'],
        password: 'short',
      });
      assert.equal(weak.statusCode, 400);
      assert.equal(weak.json().error.code, 'weak_password');
      const noTeam = await as(t, admin)('POST', '/api/v1/users', {
        email: uniqueEmail('nt'),
        name: 'No team',
        roles: ['author'],
        teamId: null,
        password: PASSWORD,
      });
      assert.equal(noTeam.statusCode, 201, noTeam.body);
      assert.equal(noTeam.json().user.teamId, null);
      const badRole = await as(t, admin)('POST', '/api/v1/users', {
        email: uniqueEmail('r'),
        name: 'R',
        roles: ['root'],
      });
      assert.equal(badRole.statusCode, 400);
    });

    test('without a password an invite link is returned; it sets the password once; it can be reissued', async () => {
      const email = uniqueEmail('bob');
      const res = await as(t, admin)('POST', '/api/v1/users', { email, name: 'Bob', roles: ['moderator'] });
      assert.equal(res.statusCode, 201, res.body);
      const { user, inviteUrl } = res.json() as {
        user: { id: string; hasPassword: boolean };
        inviteUrl: string;
      };
      assert.equal(user.hasPassword, false);
      assert.match(inviteUrl, /^https:\/\/parapet\.example\.test\/invite#token=/);
      const accept = (token: string, password = PASSWORD) =>
        t.app.inject({ method: 'POST', url: '/api/v1/auth/accept-invite', payload: { token, password } });

      const weak = await accept(tokenOf(inviteUrl), 'short');
      assert.equal(weak.json().error.code, 'weak_password');
      const ok = await accept(tokenOf(inviteUrl));
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().email, email);
      assert.equal((await signIn(t, email)).stage, 'active');
      const twice = await accept(tokenOf(inviteUrl), 'another long password');
      assert.equal(twice.statusCode, 400);
      assert.equal(twice.json().error.code, 'invalid_token');
      assert.equal((await signIn(t, email)).stage, 'active', 'the password did not change');
      assert.equal((await accept('not-a-token')).json().error.code, 'invalid_token');
      assert.equal(
        (await as(t, admin)('POST', `/api/v1/users/${user.id}/invite`)).json().error.code,
        'already_active',
      );

      // An expired link is refused; a reissued one works and replaces the old.
      const carol = (
        await as(t, admin)('POST', '/api/v1/users', {
          email: uniqueEmail('carol'),
          name: 'Carol',
          roles: ['author'],
        })
      ).json();
      await t.ctx.db
        .updateTable('one_time_token')
        .set({ expires_at: Date.now() - 1 })
        .where('user_id', '=', carol.user.id)
        .execute();
      const expired = await accept(tokenOf(carol.inviteUrl));
      assert.equal(expired.statusCode, 400);
      assert.equal(expired.json().error.code, 'invalid_token');
      const first = (await as(t, admin)('POST', `/api/v1/users/${carol.user.id}/invite`)).json()
        .inviteUrl as string;
      const second = (await as(t, admin)('POST', `/api/v1/users/${carol.user.id}/invite`)).json()
        .inviteUrl as string;
      assert.notEqual(first, second);
      assert.equal(
        (await accept(tokenOf(first))).json().error.code,
        'invalid_token',
        'reissuing cancels the earlier link',
      );
      assert.equal((await accept(tokenOf(second))).statusCode, 200);
      assert.ok(await lastAudit(carol.user.id, 'user.invite_reissued'));
      assert.ok(await lastAudit(carol.user.id, 'user.invite_accepted'));
    });

    test('PATCH changes name, roles and team, and the audit summary holds exactly the diff', async () => {
      const force = (
        await as(t, admin)('POST', '/api/v1/teams', { name: 'Patch force', kind: 'force' })
      ).json();
      const user = await addUser(t, org.orgId, ['author']);
      const res = await as(t, admin)('PATCH', `/api/v1/users/${user.id}`, {
        name: 'Renamed',
        roles: ['author', 'moderator'],
        teamId: force.id,
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json().roles, ['author', 'moderator']);
      const record = await lastAudit(user.id, 'user.updated');
      const summary = JSON.parse(record!.summary);
      assert.deepEqual(Object.keys(summary).sort(), ['name', 'roles', 'teamId']);
      assert.deepEqual(summary.roles, { from: ['author'], to: ['author', 'moderator'] });
      assert.deepEqual(summary.teamId, { from: null, to: force.id });
      assert.equal(summary.name.to, 'Renamed');

      await as(t, admin)('PATCH', `/api/v1/users/${user.id}`, { name: 'Renamed', roles: ['comms'] });
      assert.deepEqual(Object.keys(JSON.parse((await lastAudit(user.id, 'user.updated'))!.summary)), [
        'roles',
      ]);

      const foreignTeam = await t.ctx.db
        .insertInto('team')
        .values({
          id: `foreign-${Date.now()}`,
          org_id: (await createOrg(t)).orgId,
          parent_id: null,
          name: 'F',
          kind: 'force',
          created_at: Date.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const cross = await as(t, admin)('PATCH', `/api/v1/users/${user.id}`, { teamId: foreignTeam.id });
      assert.equal(cross.statusCode, 400);
      assert.equal(cross.json().error.code, 'unknown_team');
    });

    test('the last active admin cannot be demoted or suspended, and nobody can suspend themselves', async () => {
      const o = await createOrg(t);
      const a = await signIn(t, o.adminEmail);
      const comms = await addUser(t, o.orgId, ['comms']);
      const c = await signIn(t, comms.email);
      const demote = await as(t, a)('PATCH', `/api/v1/users/${o.adminId}`, { roles: ['comms'] });
      assert.equal(demote.statusCode, 409);
      assert.equal(demote.json().error.code, 'last_admin');
      const suspend = await as(t, c)('POST', `/api/v1/users/${o.adminId}/suspend`, { reason: 'test' });
      assert.equal(suspend.statusCode, 409);
      assert.equal(suspend.json().error.code, 'last_admin');
      for (const [s, id] of [
        [a, o.adminId],
        [c, comms.id],
      ] as const) {
        const self = await as(t, s)('POST', `/api/v1/users/${id}/suspend`, { reason: 'me' });
        assert.equal(self.statusCode, 400);
        assert.equal(self.json().error.code, 'cannot_suspend_self');
      }
      const status = await t.ctx.db
        .selectFrom('app_user')
        .select('status')
        .where('org_id', '=', o.orgId)
        .execute();
      assert.ok(status.every((u) => u.status === 'active'));

      // With a second admin, the first may be demoted; then the second is the last one.
      const second = await addUser(t, o.orgId, ['admin']);
      assert.equal(
        (await as(t, a)('PATCH', `/api/v1/users/${o.adminId}`, { roles: ['admin', 'comms'] })).statusCode,
        200,
      );
      assert.equal(
        (await as(t, a)('PATCH', `/api/v1/users/${second.id}`, { roles: ['author'] })).statusCode,
        200,
      );
      assert.equal(
        (await as(t, a)('PATCH', `/api/v1/users/${o.adminId}`, { roles: ['comms'] })).json().error.code,
        'last_admin',
      );
    });

    test('comms suspend and reinstate but cannot create or change users', async () => {
      const c = await signIn(t, (await addUser(t, org.orgId, ['comms'])).email);
      const target = await addUser(t, org.orgId, ['author']);
      const created = await as(t, c)('POST', '/api/v1/users', {
        email: uniqueEmail('x'),
        name: 'X',
        roles: ['author'],
        password: PASSWORD,
      });
      assert.equal(created.statusCode, 403);
      assert.equal(
        (await as(t, c)('PATCH', `/api/v1/users/${target.id}`, { roles: ['admin'] })).statusCode,
        403,
      );
      const suspended = await as(t, c)('POST', `/api/v1/users/${target.id}/suspend`, { reason: 'incident' });
      assert.equal(suspended.statusCode, 200);
      assert.equal(suspended.json().statusReason, 'incident');
      assert.equal(
        (await as(t, c)('POST', `/api/v1/users/${target.id}/suspend`, { reason: 'again' })).json().error.code,
        'already_suspended',
      );
      assert.equal(
        (await as(t, c)('POST', `/api/v1/users/${target.id}/reinstate`, { reason: 'cleared' })).json().status,
        'active',
      );
      assert.equal(
        (await as(t, c)('POST', `/api/v1/users/${target.id}/suspend`, { reason: '' })).statusCode,
        400,
      );
    });

    test('authors and moderators cannot list users; auditors can list but not change them', async () => {
      const target = await addUser(t, org.orgId, ['author']);
      for (const role of ['author', 'moderator'] as const) {
        const s = await signIn(t, (await addUser(t, org.orgId, [role])).email);
        assert.equal((await as(t, s)('GET', '/api/v1/users')).statusCode, 403, role);
        assert.equal((await as(t, s)('GET', `/api/v1/users/${target.id}`)).statusCode, 403, role);
        assert.equal(
          (await as(t, s)('POST', `/api/v1/users/${target.id}/suspend`, { reason: 'x' })).statusCode,
          403,
          role,
        );
      }
      const auditor = await signIn(t, (await addUser(t, org.orgId, ['auditor'])).email);
      const list = await as(t, auditor)('GET', '/api/v1/users');
      assert.equal(list.statusCode, 200);
      assert.ok(list.json().users.some((u: { id: string }) => u.id === target.id));
      for (const [method, url, body] of [
        ['POST', '/api/v1/users', { email: uniqueEmail('a'), name: 'A', roles: ['author'] }],
        ['PATCH', `/api/v1/users/${target.id}`, { name: 'Nope' }],
        ['POST', `/api/v1/users/${target.id}/suspend`, { reason: 'x' }],
        ['POST', `/api/v1/users/${target.id}/reset-mfa`, { reason: 'x' }],
        ['POST', `/api/v1/users/${target.id}/invite`, undefined],
        ['POST', `/api/v1/users/${target.id}/revoke-sessions`, undefined],
        ['POST', '/api/v1/teams', { name: 'T', kind: 'force' }],
      ] as const) {
        assert.equal((await as(t, auditor)(method, url, body)).statusCode, 403, `${method} ${url}`);
      }
    });

    test('list filters: status, role and q', async () => {
      const o = await createOrg(t);
      const a = await signIn(t, o.adminEmail);
      const mk = async (name: string, roles: string[]) =>
        (
          await as(t, a)('POST', '/api/v1/users', {
            email: uniqueEmail(name.split(' ')[0]!.toLowerCase()),
            name,
            roles,
            password: PASSWORD,
          })
        ).json().user as { id: string };
      await mk('Zed Ferris', ['author']);
      const yan = await mk('Yan Okafor', ['comms', 'moderator']);
      await mk('Xia Ferris', ['auditor']);
      await as(t, a)('POST', `/api/v1/users/${yan.id}/suspend`, { reason: 'x' });
      const names = async (query: string) =>
        ((await as(t, a)('GET', `/api/v1/users?${query}`)).json().users as Array<{ name: string }>)
          .map((u) => u.name)
          .sort();
      assert.deepEqual(await names('status=suspended'), ['Yan Okafor']);
      assert.deepEqual(await names('status=active'), ['Admin', 'Xia Ferris', 'Zed Ferris']);
      assert.deepEqual(await names('role=moderator'), ['Yan Okafor']);
      assert.deepEqual(await names('q=ferris'), ['Xia Ferris', 'Zed Ferris']);
      assert.deepEqual(await names('q=FERRIS&role=auditor'), ['Xia Ferris']);
      assert.deepEqual(await names('q=nobody-here'), []);
      assert.equal((await as(t, a)('GET', '/api/v1/users?status=gone')).statusCode, 400);
      assert.equal((await as(t, a)('GET', '/api/v1/users?role=root')).statusCode, 400);
    });

    test('teams follow force → district → team; rename; delete refused while in use', async () => {
      const post = (body: Record<string, unknown>) => as(t, admin)('POST', '/api/v1/teams', body);
      const force = (await post({ name: 'North force', kind: 'force', parentId: null })).json();
      assert.equal(force.parentId, null, 'an explicit null parent is no parent, not a 500');
      const district = await post({ name: 'North district', kind: 'district', parentId: force.id });
      assert.equal(district.statusCode, 201, district.body);
      const team = await post({ name: 'Roads team', kind: 'team', parentId: district.json().id });
      assert.equal(team.statusCode, 201);
      const expectError = async (body: Record<string, unknown>, code: string) => {
        const res = await post(body);
        assert.equal(res.statusCode, 400, JSON.stringify(body));
        assert.equal(res.json().error.code, code);
      };
      await expectError({ name: 'x', kind: 'force', parentId: force.id }, 'invalid_parent');
      await expectError({ name: 'x', kind: 'district' }, 'parent_required');
      await expectError({ name: 'x', kind: 'team' }, 'parent_required');
      await expectError({ name: 'x', kind: 'team', parentId: force.id }, 'invalid_parent');
      await expectError({ name: 'x', kind: 'district', parentId: district.json().id }, 'invalid_parent');
      await expectError({ name: 'x', kind: 'district', parentId: 'no-such-team' }, 'invalid_parent');
      const other = await createOrg(t);
      const foreign = await as(t, await signIn(t, other.adminEmail))('POST', '/api/v1/teams', {
        name: 'Foreign',
        kind: 'force',
      });
      await expectError({ name: 'x', kind: 'district', parentId: foreign.json().id }, 'invalid_parent');

      const renamed = await as(t, admin)('PATCH', `/api/v1/teams/${team.json().id}`, {
        name: 'Roads policing',
      });
      assert.equal(renamed.statusCode, 200);
      assert.equal(renamed.json().name, 'Roads policing');
      assert.deepEqual(JSON.parse((await lastAudit(team.json().id, 'team.renamed'))!.summary), {
        from: 'Roads team',
        to: 'Roads policing',
      });
      assert.equal(
        (await as(t, admin)('PATCH', `/api/v1/teams/${foreign.json().id}`, { name: 'Mine' })).statusCode,
        404,
      );

      const del = (id: string) => as(t, admin)('DELETE', `/api/v1/teams/${id}`);
      assert.equal((await del(district.json().id)).json().error.code, 'team_has_children');
      const member = await addUser(t, org.orgId, ['author']);
      await as(t, admin)('PATCH', `/api/v1/users/${member.id}`, { teamId: team.json().id });
      const busy = await del(team.json().id);
      assert.equal(busy.statusCode, 409);
      assert.equal(busy.json().error.code, 'team_has_members');
      await as(t, admin)('PATCH', `/api/v1/users/${member.id}`, { teamId: null });
      assert.equal((await del(team.json().id)).statusCode, 200);
      assert.equal((await del(district.json().id)).statusCode, 200);
      assert.equal((await del(foreign.json().id)).statusCode, 404);
      const ids = ((await as(t, admin)('GET', '/api/v1/teams')).json().teams as Array<{ id: string }>).map(
        (x) => x.id,
      );
      assert.ok(ids.includes(force.id) && !ids.includes(team.json().id) && !ids.includes(foreign.json().id));
      assert.ok(await lastAudit(team.json().id, 'team.deleted'));
    });
  });
}
