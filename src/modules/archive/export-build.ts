// The archive.export job: builds the evidence ZIP (items.json, items.csv, audit.jsonl, manifest.json) for one
// requested export. Items are read a page at a time through the same search the API uses and written to temp
// files while hashing; the files are then streamed into a ZIP (fflate's streaming Zip) with backpressure, so
// memory stays bounded whatever the export's size. Re-running after a crash rebuilds from scratch.

import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Zip, ZipDeflate } from 'fflate';
import type { AppContext } from '../../context.js';
import type { ArchiveExportTable } from '../../db/schema/archive.js';
import { systemContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import { auditLine, csvHeader, csvRow, HashedFile } from './export-files.js';
import { type ItemHistory, inboundHistories, postHistories } from './items.js';
import { type ArchiveFilters, searchArchive } from './search.js';

export const EXPORT_JOB = 'archive.export';
const PAGE = 500;

export const exportPath = (ctx: Pick<AppContext, 'config'>, orgId: string, id: string): string =>
  path.join(ctx.config.dataDir, 'exports', orgId, `${id}.zip`);

export async function buildExport(ctx: AppContext, exportId: string): Promise<void> {
  const row = await ctx.db
    .selectFrom('archive_export')
    .selectAll()
    .where('id', '=', exportId)
    .executeTakeFirst();
  if (!row || row.status === 'done') return;
  await ctx.db.updateTable('archive_export').set({ status: 'running' }).where('id', '=', exportId).execute();
  const target = exportPath(ctx, row.org_id, row.id);
  const work = `${target}.parts`;
  await mkdir(work, { recursive: true });
  try {
    const { files, count } = await writeFiles(ctx, row, work);
    const manifest = {
      exportId: row.id,
      organisation: row.org_id,
      requestedBy: { id: row.requested_by, label: row.requested_by_label },
      requestedAt: new Date(Number(row.created_at)).toISOString(),
      generatedAt: new Date().toISOString(),
      reason: row.reason,
      filters: JSON.parse(row.filters) as ArchiveFilters,
      itemCount: count,
      files,
    };
    const zipped = await zipFiles(
      work,
      target,
      files.map((f) => f.name),
      JSON.stringify(manifest, null, 2),
    );
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('archive_export')
        .set({
          status: 'done',
          item_count: count,
          size_bytes: zipped.bytes,
          sha256: zipped.sha256,
          finished_at: Date.now(),
          error: null,
        })
        .where('id', '=', exportId)
        .execute();
      await audit(ctx, trx, systemContext('archive.export'), {
        orgId: row.org_id,
        action: 'archive.export.completed',
        target: { type: 'archive_export', id: row.id },
        summary: { itemCount: count, zipSha256: zipped.sha256, bytes: zipped.bytes, files },
      });
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function writeFiles(ctx: AppContext, row: ArchiveExportTable, dir: string) {
  const json = new HashedFile('items.json', path.join(dir, 'items.json'));
  const csv = new HashedFile('items.csv', path.join(dir, 'items.csv'));
  const auditFile = new HashedFile('audit.jsonl', path.join(dir, 'audit.jsonl'));
  const filters = JSON.parse(row.filters) as ArchiveFilters;
  await json.write('[');
  await csv.write(csvHeader());
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await searchArchive(ctx, row.org_id, ['post', 'inbound'], filters, { cursor, limit: PAGE });
    const postIds = page.items.filter((h) => h.kind === 'post').map((h) => h.id);
    const inboundIds = page.items.filter((h) => h.kind === 'inbound').map((h) => h.id);
    const loaded = [
      ...(await postHistories(ctx.db, row.org_id, postIds)),
      ...(await inboundHistories(ctx.db, row.org_id, inboundIds)),
    ];
    const byId = new Map(loaded.map((h) => [`${h.kind}:${h.id}`, h]));
    for (const hit of page.items) {
      const h = byId.get(`${hit.kind}:${hit.id}`) as ItemHistory;
      await json.write(`${count ? ',' : ''}\n${JSON.stringify(h)}`);
      await csv.write(csvRow(h));
      count++;
    }
    await writeAudit(
      ctx,
      row.org_id,
      [
        { types: ['post'], ids: postIds },
        { types: ['inbound_item', 'inbound'], ids: inboundIds },
      ],
      auditFile,
    );
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  await json.write('\n]\n');
  await writeAudit(ctx, row.org_id, [{ types: ['archive_export'], ids: [row.id] }], auditFile);
  return { files: [await json.close(), await csv.close(), await auditFile.close()], count };
}

async function writeAudit(
  ctx: AppContext,
  orgId: string,
  groups: Array<{ types: string[]; ids: string[] }>,
  out: HashedFile,
) {
  for (const g of groups) {
    if (!g.ids.length) continue;
    const records = await ctx.db
      .selectFrom('audit_record')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('target_type', 'in', g.types)
      .where('target_id', 'in', g.ids)
      .orderBy('seq')
      .execute();
    for (const r of records) await out.write(auditLine(r));
  }
}

/** Streams the part files and the manifest into the ZIP; returns the ZIP's own size and SHA-256. */
async function zipFiles(dir: string, target: string, names: string[], manifest: string) {
  const tmp = `${target}.tmp`;
  const out = createWriteStream(tmp);
  const hash = createHash('sha256');
  let bytes = 0;
  let failed: Error | null = null;
  const finished = new Promise<void>((resolve, reject) => {
    const zip = new Zip((err, chunk, final) => {
      if (err) {
        failed = err;
        return reject(err);
      }
      hash.update(chunk);
      bytes += chunk.length;
      out.write(chunk);
      if (final) out.end(() => resolve());
    });
    void (async () => {
      for (const name of names) {
        const entry = new ZipDeflate(name, { level: 6 });
        zip.add(entry);
        for await (const chunk of createReadStream(path.join(dir, name))) {
          entry.push(chunk as Uint8Array);
          if (out.writableNeedDrain) await once(out, 'drain');
        }
        entry.push(new Uint8Array(0), true);
      }
      const m = new ZipDeflate('manifest.json', { level: 6 });
      zip.add(m);
      m.push(new TextEncoder().encode(manifest), true);
      zip.end();
    })().catch(reject);
  });
  await finished;
  if (failed) throw failed;
  await rename(tmp, target);
  return { bytes, sha256: hash.digest('hex') };
}
