import { sql } from 'kysely';
import type { DatabaseKind, Db } from '../../db/database.js';
import type { AuditRecordTable } from '../../db/schema.js';
import { newId } from '../../ids.js';
import type { ActionContext } from './actor.js';
import { GENESIS_HASH, hashRecord } from './hash-chain.js';

export interface AuditEntry {
  orgId: string;
  action: string;
  target?: { type: string; id: string };
  summary?: Record<string, unknown>;
}

/**
 * Appends one record to the organisation's hash chain. Call it with the same transaction handle as the
 * change it records, so the record and the change commit (or roll back) together. The head row is locked
 * so concurrent appends in one organisation are serialised (FOR UPDATE on PostgreSQL; SQLite has one writer).
 */
export async function appendAudit(
  db: Db,
  kind: DatabaseKind,
  ctx: ActionContext,
  entry: AuditEntry,
  now = Date.now(),
): Promise<void> {
  await db
    .insertInto('audit_head')
    .values({ org_id: entry.orgId, seq: 0, hash: GENESIS_HASH })
    .onConflict((oc) => oc.column('org_id').doNothing())
    .execute();
  let headQuery = db.selectFrom('audit_head').select(['seq', 'hash']).where('org_id', '=', entry.orgId);
  if (kind === 'postgres') headQuery = headQuery.forUpdate();
  const head = await headQuery.executeTakeFirstOrThrow();
  const fields = {
    org_id: entry.orgId,
    seq: Number(head.seq) + 1,
    actor_type: ctx.actor.type,
    actor_id: ctx.actor.id,
    actor_label: ctx.actor.label,
    action: entry.action,
    target_type: entry.target?.type ?? null,
    target_id: entry.target?.id ?? null,
    summary: JSON.stringify(entry.summary ?? {}),
    ip: ctx.ip,
    request_id: ctx.requestId,
    created_at: now,
    prev_hash: head.hash,
  };
  const hash = hashRecord(fields);
  await db
    .insertInto('audit_record')
    .values({ id: newId(), ...fields, hash })
    .execute();
  await db
    .updateTable('audit_head')
    .set({ seq: fields.seq, hash })
    .where('org_id', '=', entry.orgId)
    .execute();
}

export interface AuditFilter {
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: number;
  to?: number;
  beforeSeq?: number;
}

export function auditQuery(db: Db, orgId: string, f: AuditFilter) {
  let q = db.selectFrom('audit_record').selectAll().where('org_id', '=', orgId);
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  // "user." finds every user action; an exact name finds one.
  // substr, not LIKE: "_" and "%" are literal, and the match is case-sensitive on SQLite as on PostgreSQL.
  if (f.action)
    q = f.action.endsWith('.')
      ? q.where(sql`substr(action, 1, ${f.action.length})`, '=', f.action)
      : q.where('action', '=', f.action);
  if (f.targetType) q = q.where('target_type', '=', f.targetType);
  if (f.targetId) q = q.where('target_id', '=', f.targetId);
  if (f.from !== undefined) q = q.where('created_at', '>=', f.from);
  if (f.to !== undefined) q = q.where('created_at', '<', f.to);
  if (f.beforeSeq !== undefined) q = q.where('seq', '<', f.beforeSeq);
  return q;
}

/** Reads a chain in seq order a page at a time, so verifying a long chain uses constant memory. */
export async function* readChain(db: Db, orgId: string, pageSize = 1000): AsyncGenerator<AuditRecordTable> {
  let after = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_record')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const r of page) yield { ...r, seq: Number(r.seq) };
    if (page.length < pageSize) return;
    after = Number(page[page.length - 1]!.seq);
  }
}

export async function chainOrgIds(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_head')
    .select('org_id')
    .union(db.selectFrom('audit_record').select('org_id').groupBy('org_id'))
    .execute();
  return rows.map((r) => r.org_id);
}
