// Composing: one post row per account (sharing batch_id), saved as drafts or submitted at once; submitting
// a saved draft; withdrawing. Edits live in compose-edit.ts, reads in compose-queries.ts.
import type { PostRef } from '../../connectors/types.js';
import type { AppContext } from '../../context.js';
import { conflict, forbidden } from '../../http/errors.js';
import { newId } from '../../ids.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import type { Principal } from '../identity/roles.js';
import { assertMediaUrls, gateSubmission, resolveReplyTo, resolveTargets } from './compose-gates.js';
import {
  cdb,
  findPost,
  NO_CHECKS,
  OPEN_STATUSES,
  type PostRow,
  type PostView,
  toPostView,
} from './compose-repo.js';
import { assertNotPast, parseSchedule, type Schedule } from './compose-schedule.js';
import { submitRows } from './compose-submit.js';
import { publishingPolicy } from './policy.js';

export interface ComposeInput {
  accountIds: string[];
  text: string;
  replyTo?: PostRef;
  replyToItemId?: string;
  mediaUrls?: string[];
  scheduledAt?: string | null;
  timeZone?: string | null;
  submit?: boolean;
}

/** A new post row, saved as a draft at revision 1 (submitting moves it on). */
function newDraftRow(
  d: {
    orgId: string;
    batchId: string;
    accountId: string;
    authorId: string;
    kind: 'post' | 'reply';
    text: string;
    replyTo: PostRef | null;
    mediaUrls: string[];
    schedule: Schedule;
  },
  now: number,
): PostRow {
  return {
    id: newId(),
    org_id: d.orgId,
    batch_id: d.batchId,
    account_id: d.accountId,
    author_id: d.authorId,
    kind: d.kind,
    text: d.text,
    reply_to: d.replyTo ? JSON.stringify(d.replyTo) : null,
    media_urls: JSON.stringify(d.mediaUrls),
    status: 'draft',
    revision: 1,
    approvals_required: 0,
    scheduled_at: d.schedule.scheduledAt,
    time_zone: d.schedule.timeZone,
    checks: JSON.stringify(NO_CHECKS),
    hold_reason: null,
    platform_ref: null,
    platform_post_id: null,
    url: null,
    published_at: null,
    deleted_at: null,
    last_error: null,
    submitted_at: null,
    created_at: now,
    updated_at: now,
  };
}

export async function composePosts(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  input: ComposeInput,
): Promise<{ batchId: string; posts: PostView[] }> {
  const kind = input.replyTo || input.replyToItemId ? 'reply' : 'post';
  assertMediaUrls(input.mediaUrls);
  const targets = await resolveTargets(app.db, p, input.accountIds, kind);
  const replyTo = await resolveReplyTo(app.db, p.orgId, input, targets);
  const schedule = parseSchedule(input);
  const mediaUrls = input.mediaUrls ?? [];
  const draft = { text: input.text, mediaUrls, kind } as const;
  const checks = input.submit ? await gateSubmission(app, p, targets, draft) : null;
  const now = Date.now();
  const batchId = newId();
  const rows = targets.map(({ account }) =>
    newDraftRow(
      {
        orgId: p.orgId,
        batchId,
        accountId: account.id,
        authorId: p.userId,
        kind,
        replyTo,
        mediaUrls,
        schedule,
        text: input.text,
      },
      now,
    ),
  );
  await app.db.transaction().execute(async (trx) => {
    for (const row of rows) {
      await cdb(trx).insertInto('post').values(row).execute();
      await trx
        .insertInto('post_revision')
        .values({
          post_id: row.id,
          org_id: p.orgId,
          revision: 1,
          text: row.text,
          edited_by: p.userId,
          created_at: now,
        })
        .execute();
      await audit(app, trx, actx, {
        orgId: p.orgId,
        action: 'post.created',
        target: { type: 'post', id: row.id },
        summary: {
          accountId: row.account_id,
          batchId,
          kind,
          replyTo,
          media: mediaUrls.length,
          scheduledAt: row.scheduled_at,
          timeZone: row.time_zone,
        },
      });
    }
    if (checks)
      await submitRows(
        app,
        trx,
        p,
        actx,
        rows.map((row, i) => ({ row, target: targets[i]! })),
        checks,
        now,
      );
  });
  if (checks) app.jobSignal.notify();
  const stored = await cdb(app.db).selectFrom('post').selectAll().where('batch_id', '=', batchId).execute();
  return { batchId, posts: rows.map((r) => toPostView(stored.find((s) => s.id === r.id)!)) };
}

/** Submits a saved draft (or a rejected post after its author changed it). Only its author may. */
export async function submitPost(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  id: string,
): Promise<PostView> {
  const row = await findPost(app.db, p.orgId, id);
  if (row.author_id !== p.userId) throw forbidden('Only the author can submit this post.');
  if (row.status !== 'draft' && row.status !== 'rejected')
    throw conflict(
      'post_not_submittable',
      `The post is ${row.status}; only drafts and rejected posts can be submitted.`,
    );
  assertNotPast(row.scheduled_at === null ? null : Number(row.scheduled_at));
  const [target] = await resolveTargets(app.db, p, [row.account_id], row.kind);
  const draft = { text: row.text, mediaUrls: JSON.parse(row.media_urls) as string[], kind: row.kind };
  const checks = await gateSubmission(app, p, [target!], draft);
  const now = Date.now();
  await app.db.transaction().execute(async (trx) => {
    // Claim the post: a concurrent submit or edit of the same row loses and sees the 409.
    const claimed = await cdb(trx)
      .updateTable('post')
      .set({ updated_at: now })
      .where('id', '=', id)
      .where('status', '=', row.status)
      .where('revision', '=', row.revision)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1)
      throw conflict('post_changed', 'The post changed meanwhile; reload it.');
    await submitRows(app, trx, p, actx, [{ row, target: target! }], checks, now);
  });
  app.jobSignal.notify();
  return toPostView(await findPost(app.db, p.orgId, id));
}

/** Withdraws a post that has not gone out: its author, or comms/admin. */
export async function cancelPost(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  id: string,
  reason: string | undefined,
): Promise<PostView> {
  const row = await findPost(app.db, p.orgId, id);
  if (row.author_id !== p.userId && !publishingPolicy.cancelAnyPost(p)) throw forbidden();
  if (!OPEN_STATUSES.includes(row.status))
    throw conflict(
      'post_not_cancellable',
      `The post is ${row.status}; only posts not yet published can be cancelled.`,
    );
  const now = Date.now();
  await app.db.transaction().execute(async (trx) => {
    const done = await cdb(trx)
      .updateTable('post')
      .set({ status: 'cancelled', updated_at: now })
      .where('id', '=', id)
      .where('status', 'in', [...OPEN_STATUSES])
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1)
      throw conflict('post_not_cancellable', 'The post is being published or already changed; reload it.');
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'post.cancelled',
      target: { type: 'post', id },
      summary: { previousStatus: row.status, revision: Number(row.revision), reason: reason ?? null },
    });
  });
  return toPostView(await findPost(app.db, p.orgId, id));
}
