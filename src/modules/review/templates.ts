// Suggested response templates for the safeguarding lane: an organisation-editable list, seeded with the
// starter set on its first read (once: deleting every template does not bring the starters back).
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { ReviewTemplateTable } from '../../db/schema/review.js';
import { forbidden, notFound } from '../../http/errors.js';
import { newId } from '../../ids.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import type { Principal } from '../identity/roles.js';
import { reviewableAccountIds } from './access.js';
import { reviewPolicy } from './policy.js';
import { ensureSettingsRow } from './settings.js';
import { STARTER_TEMPLATES } from './templates-starter.js';

export interface TemplateView {
  id: string;
  title: string;
  body: string;
  categories: string[];
  position: number;
  createdAt: number;
  updatedAt: number;
}

export interface TemplateInput {
  title: string;
  body: string;
  categories?: string[];
  position?: number;
}

const toView = (t: ReviewTemplateTable): TemplateView => ({
  id: t.id,
  title: t.title,
  body: t.body,
  categories: JSON.parse(t.categories) as string[],
  position: Number(t.position),
  createdAt: Number(t.created_at),
  updatedAt: Number(t.updated_at),
});

const cleanCategories = (c: string[] | undefined): string[] =>
  [...new Set((c ?? []).map((x) => x.trim().toLowerCase()).filter(Boolean))].sort();

/** Writes the starter templates if this organisation never had them; concurrent first reads write them once. */
export async function ensureStarterTemplates(
  app: AppContext,
  orgId: string,
  actx: ActionContext,
): Promise<void> {
  const seeded = await app.db
    .selectFrom('review_settings')
    .select('templates_seeded')
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  if (seeded && Number(seeded.templates_seeded) === 1) return;
  await app.db.transaction().execute(async (trx) => {
    const now = Date.now();
    await ensureSettingsRow(trx, orgId, now);
    const won = await trx
      .updateTable('review_settings')
      .set({ templates_seeded: 1, updated_at: now })
      .where('org_id', '=', orgId)
      .where('templates_seeded', '=', 0)
      .executeTakeFirst();
    if (Number(won.numUpdatedRows) !== 1) return;
    const rows = STARTER_TEMPLATES.map((s, i) => ({
      id: newId(),
      org_id: orgId,
      title: s.title,
      body: s.body,
      categories: JSON.stringify(cleanCategories(s.categories)),
      position: i + 1,
      created_by: null,
      created_at: now,
      updated_at: now,
    }));
    await trx.insertInto('review_template').values(rows).execute();
    await audit(app, trx, actx, {
      orgId,
      action: 'review.templates_seeded',
      target: { type: 'organisation', id: orgId },
      summary: { titles: rows.map((r) => r.title) },
    });
  });
}

async function assertMayRead(app: AppContext, p: Principal): Promise<void> {
  if (reviewPolicy.manageTemplates(p)) return;
  const ids = await reviewableAccountIds(app.db, p);
  if (ids !== null && ids.length === 0) throw forbidden();
}

export async function orgTemplates(db: Db, orgId: string): Promise<TemplateView[]> {
  const rows = await db
    .selectFrom('review_template')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('position')
    .orderBy('created_at')
    .execute();
  return rows.map(toView);
}

/** The templates that suit an item of these categories (a template with no categories suits all). */
export const templatesFor = (all: TemplateView[], categories: string[]): TemplateView[] =>
  all.filter((t) => t.categories.length === 0 || t.categories.some((c) => categories.includes(c)));

export async function listTemplates(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
): Promise<TemplateView[]> {
  await assertMayRead(app, p);
  await ensureStarterTemplates(app, p.orgId, actx);
  return orgTemplates(app.db, p.orgId);
}

async function findTemplate(db: Db, orgId: string, id: string): Promise<ReviewTemplateTable> {
  const row = await db
    .selectFrom('review_template')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Template');
  return row;
}

export async function createTemplate(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  input: TemplateInput,
): Promise<TemplateView> {
  if (!reviewPolicy.manageTemplates(p)) throw forbidden();
  await ensureStarterTemplates(app, p.orgId, actx);
  const now = Date.now();
  return app.db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('review_template')
      .select((eb) => eb.fn.max('position').as('max'))
      .where('org_id', '=', p.orgId)
      .executeTakeFirst();
    const row: ReviewTemplateTable = {
      id: newId(),
      org_id: p.orgId,
      title: input.title.trim(),
      body: input.body.trim(),
      categories: JSON.stringify(cleanCategories(input.categories)),
      position: input.position ?? Number(last?.max ?? 0) + 1,
      created_by: p.userId,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('review_template').values(row).execute();
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'review.template_created',
      target: { type: 'review_template', id: row.id },
      summary: { title: row.title, categories: JSON.parse(row.categories) },
    });
    return toView(row);
  });
}

export async function updateTemplate(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  id: string,
  patch: Partial<TemplateInput>,
): Promise<TemplateView> {
  if (!reviewPolicy.manageTemplates(p)) throw forbidden();
  return app.db.transaction().execute(async (trx) => {
    const before = await findTemplate(trx, p.orgId, id);
    const after: ReviewTemplateTable = {
      ...before,
      title: patch.title?.trim() ?? before.title,
      body: patch.body?.trim() ?? before.body,
      categories: patch.categories ? JSON.stringify(cleanCategories(patch.categories)) : before.categories,
      position: patch.position ?? Number(before.position),
      updated_at: Date.now(),
    };
    const { id: _id, org_id: _org, ...changes } = after;
    await trx
      .updateTable('review_template')
      .set(changes)
      .where('org_id', '=', p.orgId)
      .where('id', '=', id)
      .execute();
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'review.template_changed',
      target: { type: 'review_template', id },
      summary: { before: toView(before), after: toView(after) },
    });
    return toView(after);
  });
}

export async function deleteTemplate(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  id: string,
): Promise<void> {
  if (!reviewPolicy.manageTemplates(p)) throw forbidden();
  await app.db.transaction().execute(async (trx) => {
    const before = await findTemplate(trx, p.orgId, id);
    await trx.deleteFrom('review_template').where('org_id', '=', p.orgId).where('id', '=', id).execute();
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'review.template_deleted',
      target: { type: 'review_template', id },
      summary: { before: toView(before) },
    });
  });
}
