import type { AppContext } from '../../context.js';
import type { OrganisationTable } from '../../db/schema.js';
import { forbidden } from '../../http/errors.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import { policy } from '../identity/policy.js';
import type { Principal } from '../identity/roles.js';

export interface OrganisationView {
  id: string;
  name: string;
  slug: string;
  requireMfa: boolean;
  ssoEnabled: boolean;
  createdAt: number;
}

export const toOrganisationView = (o: OrganisationTable): OrganisationView => ({
  id: o.id,
  name: o.name,
  slug: o.slug,
  requireMfa: o.require_mfa === 1,
  ssoEnabled: o.sso_config !== null && (JSON.parse(o.sso_config) as { enabled?: boolean }).enabled === true,
  createdAt: Number(o.created_at),
});

export async function getOrganisation(app: AppContext, p: Principal): Promise<OrganisationView> {
  if (!policy.viewOrganisation(p)) throw forbidden();
  const org = await app.db
    .selectFrom('organisation')
    .selectAll()
    .where('id', '=', p.orgId)
    .executeTakeFirstOrThrow();
  return toOrganisationView(org);
}

export async function updateOrganisation(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  change: { name?: string; requireMfa?: boolean },
): Promise<OrganisationView> {
  if (!policy.manageOrganisation(p)) throw forbidden();
  return app.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('organisation')
      .selectAll()
      .where('id', '=', p.orgId)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('organisation')
      .set({
        ...(change.name !== undefined ? { name: change.name.trim() } : {}),
        ...(change.requireMfa !== undefined ? { require_mfa: change.requireMfa ? 1 : 0 } : {}),
        updated_at: Date.now(),
      })
      .where('id', '=', p.orgId)
      .execute();
    const after = await trx
      .selectFrom('organisation')
      .selectAll()
      .where('id', '=', p.orgId)
      .executeTakeFirstOrThrow();
    const summary: Record<string, unknown> = {};
    if (before.name !== after.name) summary.name = { from: before.name, to: after.name };
    if (before.require_mfa !== after.require_mfa)
      summary.requireMfa = { from: before.require_mfa === 1, to: after.require_mfa === 1 };
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'organisation.updated',
      target: { type: 'organisation', id: p.orgId },
      summary,
    });
    return toOrganisationView(after);
  });
}
