// Post rows and their API views. The compose migration adds post.submitted_at and
// social_account.approval_steps; this module's typed view of the database (cdb) knows about them.
import type { Generated, Kysely, Transaction } from 'kysely';
import type { Db } from '../../db/database.js';
import type { PostRef, PostStatus, PostTable } from '../../db/schema/publishing.js';
import type { Database, SocialAccountTable } from '../../db/schema.js';
import { notFound } from '../../http/errors.js';
import type { OutboundCheck } from './outbound-checks.js';

export type PostRow = PostTable & { submitted_at: number | null };
type ComposeDatabase = Omit<Database, 'social_account' | 'post'> & {
  social_account: SocialAccountTable & { approval_steps: Generated<number> };
  post: PostRow;
};
export type ComposeDb = Kysely<ComposeDatabase> | Transaction<ComposeDatabase>;
export const cdb = (db: Db): ComposeDb => db as unknown as ComposeDb;

/** Statuses in which a post has not gone out and may still be edited or withdrawn. */
export const OPEN_STATUSES: readonly PostStatus[] = [
  'draft',
  'pending_approval',
  'rejected',
  'scheduled',
  'held',
];

export interface StoredChecks extends OutboundCheck {
  checkedAt: number | null;
}

export interface PostView {
  id: string;
  batchId: string;
  accountId: string;
  authorId: string;
  kind: 'post' | 'reply';
  text: string;
  replyTo: PostRef | null;
  mediaUrls: string[];
  status: PostStatus;
  revision: number;
  approvalsRequired: number;
  scheduledAt: number | null;
  timeZone: string | null;
  checks: StoredChecks;
  holdReason: string | null;
  platformPostId: string | null;
  url: string | null;
  submittedAt: number | null;
  publishedAt: number | null;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
}

const num = (v: number | null): number | null => (v === null ? null : Number(v));

export const NO_CHECKS: StoredChecks = { verdict: 'ok', matches: [], checkedAt: null };

export function toPostView(row: PostRow): PostView {
  const checks = JSON.parse(row.checks) as Partial<StoredChecks>;
  return {
    id: row.id,
    batchId: row.batch_id,
    accountId: row.account_id,
    authorId: row.author_id,
    kind: row.kind,
    text: row.text,
    replyTo: row.reply_to ? (JSON.parse(row.reply_to) as PostRef) : null,
    mediaUrls: JSON.parse(row.media_urls) as string[],
    status: row.status,
    revision: Number(row.revision),
    approvalsRequired: Number(row.approvals_required),
    scheduledAt: num(row.scheduled_at),
    timeZone: row.time_zone,
    checks: { ...NO_CHECKS, ...checks },
    holdReason: row.hold_reason,
    platformPostId: row.platform_post_id,
    url: row.url,
    submittedAt: num(row.submitted_at ?? null),
    publishedAt: num(row.published_at),
    lastError: row.last_error,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export async function findPost(db: Db, orgId: string, id: string): Promise<PostRow> {
  const row = await cdb(db)
    .selectFrom('post')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Post');
  return row;
}

export type AccountRow = SocialAccountTable & { approval_steps: number };

export async function accountsById(
  db: Db,
  orgId: string,
  ids: readonly string[],
): Promise<Map<string, AccountRow>> {
  if (ids.length === 0) return new Map();
  const rows = await cdb(db)
    .selectFrom('social_account')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** The caller's grants on the given accounts (permissions parsed). */
export async function grantsOf(
  db: Db,
  orgId: string,
  userId: string,
  accountIds: readonly string[] | null,
): Promise<Map<string, { permissions: string[] }>> {
  let q = db
    .selectFrom('account_grant')
    .select(['account_id', 'permissions'])
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId);
  if (accountIds) {
    if (accountIds.length === 0) return new Map();
    q = q.where('account_id', 'in', [...accountIds]);
  }
  const rows = await q.execute();
  return new Map(rows.map((g) => [g.account_id, { permissions: JSON.parse(g.permissions) as string[] }]));
}

/** Approvals given on a post's current revision, by distinct approvers. */
export async function approvalsOnRevision(db: Db, postId: string, revision: number) {
  return db
    .selectFrom('post_approval')
    .selectAll()
    .where('post_id', '=', postId)
    .where('revision', '=', revision)
    .where('decision', '=', 'approved')
    .orderBy('step')
    .execute();
}
