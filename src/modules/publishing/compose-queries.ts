// Reading posts: comms, admins and auditors see the organisation's; anyone else their own posts and those on
// accounts they hold a grant on. Newest first, paged with an opaque cursor.
import type { AppContext } from '../../context.js';
import type { PostStatus } from '../../db/schema/publishing.js';
import { badRequest, notFound } from '../../http/errors.js';
import type { Principal } from '../identity/roles.js';
import { cdb, findPost, grantsOf, type PostView, toPostView } from './compose-repo.js';
import { publishingPolicy } from './policy.js';

export interface PostFilter {
  status?: PostStatus;
  accountId?: string;
  authorId?: string;
  batchId?: string;
  limit?: number;
  cursor?: string;
}

export interface PostDetail extends PostView {
  revisions: Array<{ revision: number; text: string; editedBy: string; createdAt: number }>;
  approvals: Array<{
    id: string;
    revision: number;
    step: number;
    approverId: string;
    decision: 'approved' | 'rejected';
    comment: string | null;
    createdAt: number;
  }>;
}

const encodeCursor = (createdAt: number, id: string) =>
  Buffer.from(`${createdAt}:${id}`).toString('base64url');
function decodeCursor(cursor: string): { createdAt: number; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split(':');
  if (!at || !id || !/^\d+$/.test(at))
    throw badRequest('invalid_cursor', 'The cursor is not one this API gave out.');
  return { createdAt: Number(at), id };
}

/** Account ids the caller holds a grant on, or null when they see every post of the organisation. */
async function visibleAccounts(app: AppContext, p: Principal): Promise<string[] | null> {
  if (publishingPolicy.viewAllPosts(p)) return null;
  const grants = await grantsOf(app.db, p.orgId, p.userId, null);
  return [...grants].filter(([, g]) => g.permissions.length > 0).map(([id]) => id);
}

export async function listPosts(
  app: AppContext,
  p: Principal,
  filter: PostFilter,
): Promise<{ posts: PostView[]; nextCursor: string | null }> {
  const limit = filter.limit ?? 50;
  const visible = await visibleAccounts(app, p);
  let q = cdb(app.db).selectFrom('post').selectAll().where('org_id', '=', p.orgId);
  if (visible)
    q = q.where((eb) =>
      visible.length > 0
        ? eb.or([eb('author_id', '=', p.userId), eb('account_id', 'in', visible)])
        : eb('author_id', '=', p.userId),
    );
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.accountId) q = q.where('account_id', '=', filter.accountId);
  if (filter.authorId) q = q.where('author_id', '=', filter.authorId);
  if (filter.batchId) q = q.where('batch_id', '=', filter.batchId);
  if (filter.cursor) {
    const c = decodeCursor(filter.cursor);
    q = q.where((eb) =>
      eb.or([
        eb('created_at', '<', c.createdAt),
        eb.and([eb('created_at', '=', c.createdAt), eb('id', '<', c.id)]),
      ]),
    );
  }
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    posts: page.map(toPostView),
    nextCursor: rows.length > limit && last ? encodeCursor(Number(last.created_at), last.id) : null,
  };
}

export async function getPost(app: AppContext, p: Principal, id: string): Promise<PostDetail> {
  const row = await findPost(app.db, p.orgId, id);
  const visible = await visibleAccounts(app, p);
  if (visible && row.author_id !== p.userId && !visible.includes(row.account_id)) throw notFound('Post');
  const revisions = await app.db
    .selectFrom('post_revision')
    .selectAll()
    .where('org_id', '=', p.orgId)
    .where('post_id', '=', id)
    .orderBy('revision')
    .execute();
  const approvals = await app.db
    .selectFrom('post_approval')
    .selectAll()
    .where('org_id', '=', p.orgId)
    .where('post_id', '=', id)
    .orderBy('created_at')
    .execute();
  return {
    ...toPostView(row),
    revisions: revisions.map((r) => ({
      revision: Number(r.revision),
      text: r.text,
      editedBy: r.edited_by,
      createdAt: Number(r.created_at),
    })),
    approvals: approvals.map((a) => ({
      id: a.id,
      revision: Number(a.revision),
      step: Number(a.step),
      approverId: a.approver_id,
      decision: a.decision,
      comment: a.comment,
      createdAt: Number(a.created_at),
    })),
  };
}
