// Shared set-up for the compose and approval tests: an organisation with Sandbox accounts, people with
// grants, and outbound dictionaries.
import assert from 'node:assert/strict';
import type { Role } from '../../src/modules/identity/roles.js';
import { addUser, as, createOrg, type Org, type Session, signIn, type TestApp } from './app.js';
import { sandboxConnectFields } from './sandbox-account.js';

export interface Person {
  id: string;
  session: Session;
  api: ReturnType<typeof as>;
}

export async function person(t: TestApp, orgId: string, roles: Role[]): Promise<Person> {
  const user = await addUser(t, orgId, roles);
  const session = await signIn(t, user.email);
  return { id: user.id, session, api: as(t, session) };
}

export async function adminOf(t: TestApp, org: Org): Promise<Person> {
  const session = await signIn(t, org.adminEmail);
  return { id: org.adminId, session, api: as(t, session) };
}

export async function sandboxAccount(t: TestApp, admin: Person, handle = 'force'): Promise<string> {
  const res = await admin.api('POST', '/api/v1/accounts', await sandboxConnectFields(t, handle));
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id;
}

/** An account of another platform, inserted directly (no credentials needed before publishing). */
export async function fakeAccount(
  t: TestApp,
  orgId: string,
  platform: string,
  handle: string,
): Promise<string> {
  const { newId } = await import('../../src/ids.js');
  const id = newId();
  const now = Date.now();
  await t.ctx.db
    .insertInto('social_account')
    .values({
      id,
      org_id: orgId,
      platform,
      platform_account_id: `${platform}-${id}`,
      handle,
      display_name: handle,
      base_url: null,
      owner_team_id: null,
      labels: '[]',
      status: 'active',
      status_reason: null,
      credentials_secret_id: null,
      credentials_expires_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function grant(admin: Person, accountId: string, userId: string, permissions: string[]) {
  const res = await admin.api('PUT', `/api/v1/accounts/${accountId}/grants/${userId}`, { permissions });
  assert.equal(res.statusCode, 200, res.body);
}

export async function outboundDictionary(admin: Person, name: string, action: string, terms: string[]) {
  const yaml = `name: ${name}\ncategory: ${name}\naction: ${action}\nseverity: medium\nterms:\n${terms
    .map((term) => `  - "${term}"`)
    .join('\n')}\n`;
  const res = await admin.api('POST', '/api/v1/dictionaries', { yaml, activate: true });
  assert.equal(res.statusCode, 201, res.body);
}

export const auditActions = async (t: TestApp, targetId: string): Promise<string[]> =>
  (
    await t.ctx.db
      .selectFrom('audit_record')
      .select('action')
      .where('target_id', '=', targetId)
      .orderBy('seq')
      .execute()
  ).map((r) => r.action);

export const publishJobs = (t: TestApp, postId: string) =>
  t.ctx.db
    .selectFrom('job')
    .selectAll()
    .where('type', '=', 'publishing.publish')
    .where('payload', 'like', `%${postId}%`)
    .execute();

export { createOrg };

export interface ComposeWorld {
  org: Org;
  admin: Person;
  /** publish_directly on sb1 and x */
  direct: Person;
  /** publish_with_approval on sb1 and sb2 */
  checked: Person;
  /** reply only, on sb1 */
  replier: Person;
  /** no grants */
  stranger: Person;
  auditor: Person;
  sb1: string;
  sb2: string;
  x: string;
  bsky: string;
  insta: string;
}

/** An organisation with two Sandbox accounts, X/Bluesky/Instagram accounts, people and outbound dictionaries. */
export async function composeWorld(t: TestApp): Promise<ComposeWorld> {
  const org = await createOrg(t);
  const admin = await adminOf(t, org);
  const sb1 = await sandboxAccount(t, admin, 'north');
  const sb2 = await sandboxAccount(t, admin, 'south');
  const x = await fakeAccount(t, org.orgId, 'x', 'force_x');
  const bsky = await fakeAccount(t, org.orgId, 'bluesky', 'force.bsky.social');
  const insta = await fakeAccount(t, org.orgId, 'instagram', 'force_ig');
  const [direct, checked, replier, stranger] = [
    await person(t, org.orgId, ['author']),
    await person(t, org.orgId, ['author']),
    await person(t, org.orgId, ['author']),
    await person(t, org.orgId, ['author']),
  ];
  const auditor = await person(t, org.orgId, ['auditor']);
  await grant(admin, sb1, direct.id, ['view', 'publish_directly']);
  await grant(admin, x, direct.id, ['publish_directly']);
  for (const acc of [sb1, sb2]) await grant(admin, acc, checked.id, ['publish_with_approval']);
  await grant(admin, sb1, replier.id, ['view', 'reply']);
  await outboundDictionary(admin, 'banned', 'block_publish', ['defund the council']);
  await outboundDictionary(admin, 'election', 'require_approval', ['vote for']);
  await outboundDictionary(admin, 'style', 'warn', ['asap']);
  return { org, admin, direct, checked, replier, stranger, auditor, sb1, sb2, x, bsky, insta };
}
