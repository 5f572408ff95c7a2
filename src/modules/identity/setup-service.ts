import type { AppContext } from '../../context.js';
import { conflict } from '../../http/errors.js';
import { newId, randomToken, sha256 } from '../../ids.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import { installStarterDictionaries } from '../dictionaries/starter.js';
import { consumeOneTimeToken } from './invites.js';
import { assertAcceptablePassword, hashPassword } from './passwords.js';
import { normaliseEmail } from './users-repo.js';

const SETUP_TTL_MS = 24 * 3_600_000;

export async function setupNeeded(app: AppContext): Promise<boolean> {
  const anyUser = await app.db.selectFrom('app_user').select('id').limit(1).executeTakeFirst();
  return !anyUser;
}

/** Issues the one-time first-run link printed at start-up; earlier unused links stop working. */
export async function issueSetupLink(app: AppContext): Promise<string> {
  const token = randomToken();
  const now = Date.now();
  await app.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('one_time_token').where('purpose', '=', 'setup').execute();
    await trx
      .insertInto('one_time_token')
      .values({
        id: sha256(token),
        purpose: 'setup',
        org_id: null,
        user_id: null,
        expires_at: now + SETUP_TTL_MS,
        used_at: null,
        created_at: now,
      })
      .execute();
  });
  return `${app.config.publicUrl}/setup#token=${token}`;
}

/** Slugs that are also fixed paths beside /api/v1/transparency/:orgSlug: an organisation there would be shadowed. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set(['settings']);

export const slugify = (name: string): string => {
  const slug =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .replace(/[\s_-]+/g, '-')
      .slice(0, 60) || 'org';
  return RESERVED_SLUGS.has(slug) ? `${slug}-org` : slug;
};

export interface FirstAdminInput {
  organisationName: string;
  name: string;
  email: string;
  password: string;
}

/** Creates the first organisation, its top-level team and its administrator. Only while there are no users. */
export async function createFirstOrganisation(
  app: AppContext,
  actx: ActionContext,
  input: FirstAdminInput,
  setupToken: string | null,
) {
  assertAcceptablePassword(input.password);
  const hash = await hashPassword(input.password);
  return app.db.transaction().execute(async (trx) => {
    if (setupToken !== null) await consumeOneTimeToken(trx, setupToken, 'setup');
    if (await trx.selectFrom('app_user').select('id').limit(1).executeTakeFirst()) {
      throw conflict('already_set_up', 'Parapet is already set up. Sign in instead.');
    }
    const now = Date.now();
    const orgId = newId();
    const userId = newId();
    const teamId = newId();
    const email = normaliseEmail(input.email);
    await trx
      .insertInto('organisation')
      .values({
        id: orgId,
        name: input.organisationName.trim(),
        slug: slugify(input.organisationName),
        require_mfa: 0,
        sso_config: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto('team')
      .values({
        id: teamId,
        org_id: orgId,
        parent_id: null,
        name: input.organisationName.trim(),
        kind: 'force',
        created_at: now,
      })
      .execute();
    await trx
      .insertInto('app_user')
      .values({
        id: userId,
        org_id: orgId,
        email,
        name: input.name.trim(),
        roles: JSON.stringify(['admin']),
        team_id: teamId,
        password_hash: hash,
        status: 'active',
        status_reason: null,
        mfa_secret: null,
        mfa_enabled: 0,
        mfa_last_step: null,
        failed_sign_ins: 0,
        locked_until: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const actor =
      actx.actor.type === 'anonymous'
        ? { ...actx, actor: { type: 'user' as const, id: userId, label: email } }
        : actx;
    await audit(app, trx, actor, {
      orgId,
      action: 'organisation.created',
      target: { type: 'organisation', id: orgId },
      summary: { name: input.organisationName },
    });
    await audit(app, trx, actor, {
      orgId,
      action: 'user.created',
      target: { type: 'user', id: userId },
      summary: { email, roles: ['admin'], firstAdmin: true },
    });
    await installStarterDictionaries(app, trx, orgId, actor);
    return { orgId, userId };
  });
}
