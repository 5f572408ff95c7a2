// Legal holds: named, reasoned scopes (accounts, authors, date range, search words; all given criteria must
// match) that stop retention, and any other code that deletes archived rows, from removing what they cover.
// Holds are never deleted: release stamps who, when and why, and the hold stays listed.
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { LegalHoldTable } from '../../db/schema/archive.js';
import { badRequest, conflict, notFound } from '../../http/errors.js';
import { newId } from '../../ids.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import { queryTokens, textMatches } from './fts.js';
import { type ItemHistory, inboundHistories, postHistories } from './items.js';
import type { ArchiveKind } from './policy.js';

export interface HoldScope {
  accountIds?: string[];
  authors?: string[];
  from?: number;
  to?: number;
  query?: string;
}

export interface HoldView {
  id: string;
  name: string;
  reason: string;
  scope: HoldScope;
  createdBy: string;
  createdAt: number;
  releasedAt: number | null;
  releasedBy: string | null;
  releaseReason: string | null;
}

export const toHoldView = (h: LegalHoldTable): HoldView => ({
  id: h.id,
  name: h.name,
  reason: h.reason,
  scope: JSON.parse(h.scope) as HoldScope,
  createdBy: h.created_by,
  createdAt: Number(h.created_at),
  releasedAt: h.released_at === null ? null : Number(h.released_at),
  releasedBy: h.released_by,
  releaseReason: h.release_reason,
});

type ItemFacts = Pick<ItemHistory, 'kind' | 'accountId' | 'occurredAt' | 'author' | 'text' | 'revisions'>;

/** Pure: does one hold's scope cover this item? */
export function holdCovers(scope: HoldScope, item: ItemFacts): boolean {
  if (scope.accountIds?.length && !scope.accountIds.includes(item.accountId)) return false;
  if (scope.authors?.length) {
    const ids = [item.author.id, item.author.handle].filter((x): x is string => !!x);
    if (!scope.authors.some((a) => ids.includes(a))) return false;
  }
  if (scope.from !== undefined && item.occurredAt < scope.from) return false;
  if (scope.to !== undefined && item.occurredAt >= scope.to) return false;
  if (scope.query) {
    const texts = [item.text, ...item.revisions.map((r) => r.text)];
    if (!textMatches(queryTokens(scope.query), texts)) return false;
  }
  return true;
}

export async function activeHolds(db: Db, orgId: string): Promise<HoldView[]> {
  const rows = await db
    .selectFrom('legal_hold')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('released_at', 'is', null)
    .execute();
  return rows.map(toHoldView);
}

/** The ids among `items` that an active hold covers. */
export async function heldIds(
  db: Db,
  orgId: string,
  items: Array<ItemFacts & { id: string }>,
): Promise<Set<string>> {
  const holds = await activeHolds(db, orgId);
  const held = new Set<string>();
  for (const item of items) if (holds.some((h) => holdCovers(h.scope, item))) held.add(item.id);
  return held;
}

/**
 * Whether an archived item is under legal hold. Any code that deletes or redacts archived rows (posts,
 * revisions, inbound items, their events) must check this first, inside the same transaction.
 */
export async function isUnderLegalHold(
  db: Db,
  orgId: string,
  item: { kind: ArchiveKind; id: string },
): Promise<boolean> {
  const [facts] =
    item.kind === 'post'
      ? await postHistories(db, orgId, [item.id])
      : await inboundHistories(db, orgId, [item.id]);
  if (!facts) return false;
  return (await heldIds(db, orgId, [facts])).has(item.id);
}

export async function createHold(
  app: Pick<AppContext, 'dbKind'> & { db: Db },
  actx: ActionContext,
  orgId: string,
  userId: string,
  input: { name: string; reason: string; scope: HoldScope },
): Promise<HoldView> {
  const s = input.scope;
  if (!s.accountIds?.length && !s.authors?.length && s.from === undefined && s.to === undefined && !s.query)
    throw badRequest(
      'empty_scope',
      'A hold needs a scope: accounts, authors, a date range and/or a search query.',
    );
  if (s.from !== undefined && s.to !== undefined && s.from >= s.to)
    throw badRequest('bad_range', '"from" must be before "to".');
  if (s.query) queryTokens(s.query);
  const row: LegalHoldTable = {
    id: newId(),
    org_id: orgId,
    name: input.name,
    reason: input.reason,
    scope: JSON.stringify(s),
    created_by: userId,
    created_at: Date.now(),
    released_at: null,
    released_by: null,
    release_reason: null,
  };
  await app.db.transaction().execute(async (trx) => {
    await trx.insertInto('legal_hold').values(row).execute();
    await audit(app, trx, actx, {
      orgId,
      action: 'archive.hold.created',
      target: { type: 'legal_hold', id: row.id },
      summary: { name: input.name, reason: input.reason, scope: s },
    });
  });
  return toHoldView(row);
}

export async function releaseHold(
  app: Pick<AppContext, 'dbKind'> & { db: Db },
  actx: ActionContext,
  orgId: string,
  userId: string,
  id: string,
  reason: string,
): Promise<HoldView> {
  return app.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('legal_hold')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('The legal hold');
    if (row.released_at !== null) throw conflict('already_released', 'This hold was already released.');
    const now = Date.now();
    await trx
      .updateTable('legal_hold')
      .set({ released_at: now, released_by: userId, release_reason: reason })
      .where('id', '=', id)
      .where('released_at', 'is', null)
      .execute();
    await audit(app, trx, actx, {
      orgId,
      action: 'archive.hold.released',
      target: { type: 'legal_hold', id },
      summary: { name: row.name, reason },
    });
    return toHoldView({ ...row, released_at: now, released_by: userId, release_reason: reason });
  });
}

export async function listHolds(db: Db, orgId: string): Promise<HoldView[]> {
  const rows = await db
    .selectFrom('legal_hold')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toHoldView);
}
