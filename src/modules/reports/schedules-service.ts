// Report schedules: which reports (organisation or one team with its sub-teams, weekly or monthly) go to whom.
// Managed by admin and comms (analytics/policy.ts); every change audited.
import type { Static } from 'typebox';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { ReportScheduleTable } from '../../db/schema/analytics.js';
import { badRequest, forbidden, notFound } from '../../http/errors.js';
import { newId } from '../../ids.js';
import { managesReports, seesWholeOrg } from '../analytics/policy.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import type { Principal } from '../identity/roles.js';
import type { ScheduleBody, SchedulePatch, ScheduleSchema } from './schemas.js';

export const scheduleView = (s: ReportScheduleTable): Static<typeof ScheduleSchema> => ({
  id: s.id,
  scope: s.scope,
  teamId: s.team_id,
  cadence: s.cadence,
  recipients: JSON.parse(s.recipients) as string[],
  createdBy: s.created_by,
  createdAt: Number(s.created_at),
  updatedAt: Number(s.updated_at),
});

const mustManage = (p: Principal) => {
  if (!managesReports(p)) throw forbidden('Only admin and comms manage report schedules.');
};

/** The team must be in the organisation when scope is team, and absent when scope is org. */
export async function checkScope(
  db: Db,
  orgId: string,
  scope: 'org' | 'team',
  teamId: string | null | undefined,
) {
  if (scope === 'org') {
    if (teamId)
      throw badRequest('team_not_allowed', 'An organisation-wide report takes no teamId; use scope "team".');
    return null;
  }
  if (!teamId) throw badRequest('team_required', 'A team report needs a teamId.');
  const team = await db
    .selectFrom('team')
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', '=', teamId)
    .executeTakeFirst();
  if (!team) throw badRequest('unknown_team', `Team ${teamId} is not in your organisation.`);
  return teamId;
}

async function checkRecipients(db: Db, orgId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  const found = await db
    .selectFrom('app_user')
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', 'in', unique)
    .execute();
  const missing = unique.filter((id) => !found.some((f) => f.id === id));
  if (missing.length)
    throw badRequest('unknown_recipient', `Not users of your organisation: ${missing.join(', ')}.`);
  return unique;
}

export async function listSchedules(app: AppContext, p: Principal) {
  if (!seesWholeOrg(p)) throw forbidden('Only admin, comms and auditors see report schedules.');
  const rows = await app.db
    .selectFrom('report_schedule')
    .selectAll()
    .where('org_id', '=', p.orgId)
    .orderBy('created_at')
    .execute();
  return rows.map(scheduleView);
}

async function findSchedule(db: Db, orgId: string, id: string) {
  const row = await db
    .selectFrom('report_schedule')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Report schedule');
  return row;
}

export async function getSchedule(app: AppContext, p: Principal, id: string) {
  if (!seesWholeOrg(p)) throw forbidden('Only admin, comms and auditors see report schedules.');
  return scheduleView(await findSchedule(app.db, p.orgId, id));
}

export async function createSchedule(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  body: Static<typeof ScheduleBody>,
) {
  mustManage(p);
  const teamId = await checkScope(app.db, p.orgId, body.scope, body.teamId);
  const recipients = await checkRecipients(app.db, p.orgId, body.recipients);
  const now = Date.now();
  const row: ReportScheduleTable = {
    id: newId(),
    org_id: p.orgId,
    scope: body.scope,
    team_id: teamId,
    cadence: body.cadence,
    recipients: JSON.stringify(recipients),
    created_by: p.userId,
    created_at: now,
    updated_at: now,
  };
  await app.db.transaction().execute(async (trx) => {
    await trx.insertInto('report_schedule').values(row).execute();
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'report_schedule.created',
      target: { type: 'report_schedule', id: row.id },
      summary: { scope: row.scope, teamId, cadence: row.cadence, recipients },
    });
  });
  return scheduleView(row);
}

export async function updateSchedule(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  id: string,
  body: Static<typeof SchedulePatch>,
) {
  mustManage(p);
  const before = await findSchedule(app.db, p.orgId, id);
  const recipients = body.recipients ? await checkRecipients(app.db, p.orgId, body.recipients) : undefined;
  const set = {
    ...(body.cadence ? { cadence: body.cadence } : {}),
    ...(recipients ? { recipients: JSON.stringify(recipients) } : {}),
    updated_at: Date.now(),
  };
  await app.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('report_schedule')
      .set(set)
      .where('org_id', '=', p.orgId)
      .where('id', '=', id)
      .execute();
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'report_schedule.updated',
      target: { type: 'report_schedule', id },
      summary: {
        cadence: body.cadence ?? before.cadence,
        recipients: recipients ?? JSON.parse(before.recipients),
      },
    });
  });
  return scheduleView({ ...before, ...set });
}

export async function deleteSchedule(app: AppContext, p: Principal, actx: ActionContext, id: string) {
  mustManage(p);
  await findSchedule(app.db, p.orgId, id);
  await app.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('report_schedule').where('org_id', '=', p.orgId).where('id', '=', id).execute();
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'report_schedule.deleted',
      target: { type: 'report_schedule', id },
      summary: {},
    });
  });
}
