import type { AppContext } from '../../context.js';
import type { TeamTable } from '../../db/schema.js';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.js';
import { newId } from '../../ids.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import { policy } from './policy.js';
import type { Principal } from './roles.js';

export type TeamKind = TeamTable['kind'];
// force → district → team: each kind's parent must be the kind above it.
const PARENT_KIND: Record<TeamKind, TeamKind | null> = { force: null, district: 'force', team: 'district' };

export interface TeamView {
  id: string;
  name: string;
  kind: TeamKind;
  parentId: string | null;
  createdAt: number;
}

const toView = (t: TeamTable): TeamView => ({
  id: t.id,
  name: t.name,
  kind: t.kind,
  parentId: t.parent_id,
  createdAt: Number(t.created_at),
});

async function findTeam(app: AppContext, orgId: string, id: string): Promise<TeamTable> {
  const team = await app.db
    .selectFrom('team')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!team) throw notFound('Team');
  return team;
}

export async function listTeams(app: AppContext, p: Principal): Promise<TeamView[]> {
  if (!policy.viewTeams(p)) throw forbidden();
  const teams = await app.db
    .selectFrom('team')
    .selectAll()
    .where('org_id', '=', p.orgId)
    .orderBy('name')
    .execute();
  return teams.map(toView);
}

export async function createTeam(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  input: { name: string; kind: TeamKind; parentId: string | null },
): Promise<TeamView> {
  if (!policy.manageTeams(p)) throw forbidden();
  const expectedParent = PARENT_KIND[input.kind];
  if (expectedParent === null && input.parentId)
    throw badRequest('invalid_parent', 'A force is the top level and has no parent.');
  if (expectedParent !== null) {
    if (!input.parentId)
      throw badRequest('parent_required', `A ${input.kind} needs a parent ${expectedParent}.`);
    const parent = await findTeam(app, p.orgId, input.parentId).catch(() => {
      throw badRequest('invalid_parent', 'The parent team does not exist in your organisation.');
    });
    if (parent.kind !== expectedParent) {
      throw badRequest(
        'invalid_parent',
        `A ${input.kind}'s parent must be a ${expectedParent}, not a ${parent.kind}.`,
      );
    }
  }
  const team: TeamTable = {
    id: newId(),
    org_id: p.orgId,
    parent_id: input.parentId,
    name: input.name.trim(),
    kind: input.kind,
    created_at: Date.now(),
  };
  await app.db.transaction().execute(async (trx) => {
    await trx.insertInto('team').values(team).execute();
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'team.created',
      target: { type: 'team', id: team.id },
      summary: { name: team.name, kind: team.kind, parentId: team.parent_id },
    });
  });
  return toView(team);
}

export async function renameTeam(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  id: string,
  name: string,
): Promise<TeamView> {
  if (!policy.manageTeams(p)) throw forbidden();
  const team = await findTeam(app, p.orgId, id);
  await app.db.transaction().execute(async (trx) => {
    await trx.updateTable('team').set({ name: name.trim() }).where('id', '=', id).execute();
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'team.renamed',
      target: { type: 'team', id },
      summary: { from: team.name, to: name.trim() },
    });
  });
  return { ...toView(team), name: name.trim() };
}

export async function deleteTeam(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  id: string,
): Promise<void> {
  if (!policy.manageTeams(p)) throw forbidden();
  const team = await findTeam(app, p.orgId, id);
  await app.db.transaction().execute(async (trx) => {
    const child = await trx.selectFrom('team').select('id').where('parent_id', '=', id).executeTakeFirst();
    if (child) throw conflict('team_has_children', 'Move or delete the teams under this one first.');
    const member = await trx.selectFrom('app_user').select('id').where('team_id', '=', id).executeTakeFirst();
    if (member) throw conflict('team_has_members', 'Move the users in this team to another team first.');
    await trx.deleteFrom('team').where('id', '=', id).execute();
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'team.deleted',
      target: { type: 'team', id },
      summary: { name: team.name },
    });
  });
}
