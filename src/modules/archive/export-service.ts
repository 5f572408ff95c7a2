// Evidence exports: requested (audited, job enqueued in the same transaction), built by the archive.export
// job, listed, and downloaded (each download audited before the first byte is sent).
import { createReadStream, type ReadStream } from 'node:fs';
import type { AppContext } from '../../context.js';
import type { ArchiveExportTable } from '../../db/schema/archive.js';
import { conflict, notFound } from '../../http/errors.js';
import { newId } from '../../ids.js';
import { enqueueJob } from '../../jobs/queue.js';
import type { ActionContext } from '../audit/actor.js';
import { systemContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import type { Principal } from '../identity/roles.js';
import { buildExport, EXPORT_JOB, exportPath } from './export-build.js';
import { queryTokens } from './fts.js';
import type { ArchiveFilters } from './search.js';

export const toExportView = (r: ArchiveExportTable) => ({
  id: r.id,
  status: r.status,
  reason: r.reason,
  filters: JSON.parse(r.filters) as ArchiveFilters,
  requestedBy: { id: r.requested_by, label: r.requested_by_label },
  itemCount: r.item_count === null ? null : Number(r.item_count),
  sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes),
  sha256: r.sha256,
  error: r.error,
  createdAt: Number(r.created_at),
  finishedAt: r.finished_at === null ? null : Number(r.finished_at),
});

export async function requestExport(
  ctx: AppContext,
  actx: ActionContext,
  p: Principal,
  filters: ArchiveFilters,
  reason: string,
) {
  if (filters.q) queryTokens(filters.q);
  const row: ArchiveExportTable = {
    id: newId(),
    org_id: p.orgId,
    requested_by: p.userId,
    requested_by_label: p.email,
    reason,
    filters: JSON.stringify(filters),
    status: 'pending',
    item_count: null,
    size_bytes: null,
    sha256: null,
    error: null,
    created_at: Date.now(),
    finished_at: null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('archive_export').values(row).execute();
    await enqueueJob(trx, {
      type: EXPORT_JOB,
      payload: { exportId: row.id },
      orgId: p.orgId,
      idempotencyKey: `${EXPORT_JOB}:${row.id}`,
      maxAttempts: 3,
    });
    await audit(ctx, trx, actx, {
      orgId: p.orgId,
      action: 'archive.export.requested',
      target: { type: 'archive_export', id: row.id },
      summary: { reason, filters },
    });
  });
  ctx.jobSignal.notify();
  return toExportView(row);
}

export async function listExports(ctx: AppContext, orgId: string) {
  const rows = await ctx.db
    .selectFrom('archive_export')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
  return rows.map(toExportView);
}

export async function openDownload(
  ctx: AppContext,
  actx: ActionContext,
  orgId: string,
  id: string,
): Promise<{ stream: ReadStream; name: string; bytes: number }> {
  const row = await ctx.db
    .selectFrom('archive_export')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('The export');
  if (row.status !== 'done')
    throw conflict('export_not_ready', `The export is ${row.status}; download it once it is done.`);
  const stream = createReadStream(exportPath(ctx, orgId, id));
  await new Promise<void>((resolve, reject) =>
    stream.once('open', () => resolve()).once('error', reject),
  ).catch(() => {
    throw conflict('export_missing', 'The export file is no longer on this server; request a new export.');
  });
  try {
    await ctx.db.transaction().execute((trx) =>
      audit(ctx, trx, actx, {
        orgId,
        action: 'archive.export.downloaded',
        target: { type: 'archive_export', id },
        summary: { sha256: row.sha256, bytes: Number(row.size_bytes) },
      }),
    );
  } catch (err) {
    // No audit record, no download.
    stream.destroy();
    throw err;
  }
  return { stream, name: `parapet-export-${id}.zip`, bytes: Number(row.size_bytes) };
}

/** Job handler: a build that throws is recorded as failed (and audited) rather than retried into a loop. */
export async function runExportJob(ctx: AppContext, exportId: string): Promise<void> {
  try {
    await buildExport(ctx, exportId);
  } catch (err) {
    const message = (err as Error).message.slice(0, 500);
    ctx.logger.error({ err, exportId }, 'archive export failed');
    const row = await ctx.db
      .selectFrom('archive_export')
      .select('org_id')
      .where('id', '=', exportId)
      .executeTakeFirst();
    if (!row) return;
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('archive_export')
        .set({ status: 'failed', error: message, finished_at: Date.now() })
        .where('id', '=', exportId)
        .execute();
      await audit(ctx, trx, systemContext('archive.export'), {
        orgId: row.org_id,
        action: 'archive.export.failed',
        target: { type: 'archive_export', id: exportId },
        summary: { error: message },
      });
    });
  }
}
