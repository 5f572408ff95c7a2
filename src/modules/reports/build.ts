// Builds and stores one report (HTML + PDF) for a scope and period, in the caller's transaction.
import type { Db } from '../../db/database.js';
import type { ReportTable } from '../../db/schema/analytics.js';
import { newId } from '../../ids.js';
import { day, type ReportInput, reportData } from './data.js';
import { reportHtml } from './html.js';
import { reportPdf } from './pdf.js';

export async function renderReport(db: Db, input: ReportInput) {
  const data = await reportData(db, input);
  const title = `Parapet report: ${data.scopeName}, ${day(input.from)} to ${day(input.to - 1)}`;
  const [html, pdf] = [reportHtml(title, data), await reportPdf(title, data)];
  return { title, html, pdf, data };
}

export type Rendered = Awaited<ReturnType<typeof renderReport>>;

/** Stores a rendered report. Render first (outside the transaction: SQLite has one connection). */
export async function storeReport(
  db: Db,
  input: ReportInput & { scheduleId: string | null; createdBy: string | null },
  { title, html, pdf }: Rendered,
  now = Date.now(),
): Promise<ReportTable> {
  const row: ReportTable = {
    id: newId(),
    org_id: input.orgId,
    schedule_id: input.scheduleId,
    scope: input.scope,
    team_id: input.teamId,
    period_from: input.from,
    period_to: input.to,
    title,
    html,
    pdf_base64: pdf.toString('base64'),
    created_by: input.createdBy,
    created_at: now,
  };
  await db.insertInto('report').values(row).execute();
  return row;
}
