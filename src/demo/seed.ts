// Builds the demo force through the same services the API uses (so everything is audited and valid):
// teams, people, Sandbox accounts, grants and the starter dictionaries. Idempotent: does nothing if the
// organisation already exists.
import type { AppContext } from '../context.js';
import { putGrant } from '../modules/accounts/grants-service.js';
import { type ActionContext, systemContext } from '../modules/audit/actor.js';
import { installStarterDictionaries } from '../modules/dictionaries/starter.js';
import type { Principal } from '../modules/identity/roles.js';
import { createFirstOrganisation } from '../modules/identity/setup-service.js';
import { createTeam } from '../modules/identity/teams-service.js';
import { createUser } from '../modules/identity/users-service.js';
import { connectSandboxAccount } from '../sandbox/accounts.js';
import { DEMO_ORG, DEMO_PASSWORD, DISTRICTS, FORCE_ACCOUNTS, PEOPLE } from './force.js';

export interface DemoForce {
  orgId: string;
  /** Account id by Sandbox handle. */
  accounts: Map<string, string>;
  /** User id by e-mail. */
  people: Map<string, string>;
}

export async function seedDemoForce(ctx: AppContext): Promise<DemoForce | null> {
  if (await ctx.db.selectFrom('organisation').select('id').executeTakeFirst()) return null;
  const actx = systemContext('demo');
  const admin = PEOPLE[0]!;
  const { orgId, userId } = await createFirstOrganisation(
    ctx,
    actx,
    { organisationName: DEMO_ORG, name: admin.name, email: admin.email, password: DEMO_PASSWORD },
    null,
  );
  const p: Principal = {
    userId,
    orgId,
    email: admin.email,
    name: admin.name,
    roles: ['admin'],
    via: 'session',
    sessionId: null,
    stage: 'active',
    scopes: null,
  };
  const force = await ctx.db
    .selectFrom('team')
    .select('id')
    .where('org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  const teams = new Map<string, string>();
  const accounts = new Map<string, string>();
  const connect = async (handle: string, name: string, teamId: string | null, labels: string[]) => {
    const account = await connectSandboxAccount(ctx, p, actx, {
      handle,
      displayName: name,
      ownerTeamId: teamId,
      labels,
    });
    accounts.set(handle, account.id);
  };
  for (const a of FORCE_ACCOUNTS) await connect(a.handle, a.name, force.id, a.labels);
  for (const district of DISTRICTS) {
    const d = await createTeam(ctx, p, actx, { name: district.name, kind: 'district', parentId: force.id });
    teams.set(district.name, d.id);
    await connect(district.handle, `${district.name} Police`, d.id, ['district']);
    for (const team of district.teams) {
      const t = await createTeam(ctx, p, actx, { name: team.name, kind: 'team', parentId: d.id });
      teams.set(team.name, t.id);
      await connect(team.handle, team.name, t.id, ['neighbourhood']);
    }
  }
  const people = new Map<string, string>([[admin.email, userId]]);
  for (const person of PEOPLE.slice(1)) {
    const { user } = await createUser(ctx, orgId, actx, {
      email: person.email,
      name: person.name,
      roles: person.roles,
      teamId: person.team ? (teams.get(person.team) ?? null) : null,
      password: DEMO_PASSWORD,
    });
    people.set(person.email, user.id);
    if (person.team) await grantOnTeamAccount(ctx, p, actx, accounts, person, user.id);
  }
  await ctx.db.transaction().execute((trx) => installStarterDictionaries(ctx, trx, orgId, actx));
  return { orgId, accounts, people };
}

async function grantOnTeamAccount(
  ctx: AppContext,
  p: Principal,
  actx: ActionContext,
  accounts: Map<string, string>,
  person: (typeof PEOPLE)[number],
  userId: string,
): Promise<void> {
  const district = DISTRICTS.find(
    (d) => d.name === person.team || d.teams.some((t) => t.name === person.team),
  );
  if (!district) return;
  const handle =
    district.name === person.team
      ? district.handle
      : district.teams.find((t) => t.name === person.team)?.handle;
  const accountId = handle ? accounts.get(handle) : undefined;
  if (!accountId) return;
  await putGrant(ctx, p, actx, accountId, userId, [
    'view',
    'reply',
    person.publishesDirectly ? 'publish_directly' : 'publish_with_approval',
  ]);
}
