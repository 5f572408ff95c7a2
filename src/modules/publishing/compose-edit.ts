// Editing a post before it goes out. Every edit is a new revision (post_revision keeps each text); approvals
// count only for the revision they were given on, so an edit to a submitted post needs approval again,
// unless its author may publish directly and the checks pass. The old revision's publish job, if any,
// finds the revision changed and does nothing (the publish job compares payload.revision with the row).
import type { AppContext } from '../../context.js';
import { conflict, forbidden } from '../../http/errors.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import type { Principal } from '../identity/roles.js';
import { assertMediaUrls, gateSubmission, resolveTargets } from './compose-gates.js';
import { cdb, findPost, type PostRow, type PostView, toPostView } from './compose-repo.js';
import { parseSchedule } from './compose-schedule.js';
import { routePost } from './compose-submit.js';

export interface EditInput {
  text?: string;
  mediaUrls?: string[];
  scheduledAt?: string | null;
  timeZone?: string | null;
  /** The revision the editor saw; a mismatch is a 409 rather than a silent overwrite. */
  revision?: number;
}

const EDITABLE = ['draft', 'rejected', 'pending_approval', 'scheduled'] as const;
const SUBMITTED = new Set(['pending_approval', 'scheduled']);

export async function editPost(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  id: string,
  input: EditInput,
): Promise<PostView> {
  const row = await findPost(app.db, p.orgId, id);
  if (row.author_id !== p.userId) throw forbidden('Only the author can edit this post.');
  if (!(EDITABLE as readonly string[]).includes(row.status))
    throw conflict('post_not_editable', `The post is ${row.status}; it can no longer be edited.`);
  assertMediaUrls(input.mediaUrls);
  if (input.revision !== undefined && input.revision !== Number(row.revision))
    throw conflict(
      'revision_changed',
      `The post is at revision ${row.revision}, not ${input.revision}; reload it.`,
    );
  const schedule =
    input.scheduledAt !== undefined || input.timeZone !== undefined
      ? parseSchedule({ scheduledAt: input.scheduledAt, timeZone: input.timeZone ?? row.time_zone })
      : { scheduledAt: row.scheduled_at === null ? null : Number(row.scheduled_at), timeZone: row.time_zone };
  const next: PostRow = {
    ...row,
    text: input.text ?? row.text,
    media_urls: input.mediaUrls ? JSON.stringify(input.mediaUrls) : row.media_urls,
    scheduled_at: schedule.scheduledAt,
    time_zone: schedule.timeZone,
    revision: Number(row.revision) + 1,
    updated_at: Date.now(),
  };
  const draft = { text: next.text, mediaUrls: JSON.parse(next.media_urls) as string[], kind: row.kind };
  const submitted = SUBMITTED.has(row.status);
  // A submitted post is checked as at submit; a draft or rejected post only when it is submitted again.
  const [target] = await resolveTargets(app.db, p, [row.account_id], row.kind);
  const checks = submitted ? await gateSubmission(app, p, [target!], draft) : null;
  await app.db.transaction().execute(async (trx) => {
    const saved = await cdb(trx)
      .updateTable('post')
      .set({
        text: next.text,
        media_urls: next.media_urls,
        scheduled_at: next.scheduled_at,
        time_zone: next.time_zone,
        revision: next.revision,
        updated_at: next.updated_at,
      })
      .where('id', '=', id)
      .where('revision', '=', row.revision)
      .where('status', '=', row.status)
      .executeTakeFirst();
    if (Number(saved.numUpdatedRows) !== 1)
      throw conflict('post_changed', 'The post changed meanwhile; reload it.');
    await trx
      .insertInto('post_revision')
      .values({
        post_id: id,
        org_id: p.orgId,
        revision: next.revision,
        text: next.text,
        edited_by: p.userId,
        created_at: next.updated_at,
      })
      .execute();
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'post.edited',
      target: { type: 'post', id },
      summary: {
        revision: next.revision,
        status: row.status,
        textChanged: next.text !== row.text,
        mediaChanged: next.media_urls !== row.media_urls,
        scheduledAt: next.scheduled_at,
        timeZone: next.time_zone,
      },
    });
    if (checks)
      await routePost(app, trx, actx, next, target!, checks, 'post.resubmitted_after_edit', next.updated_at);
  });
  if (checks) app.jobSignal.notify();
  return toPostView(await findPost(app.db, p.orgId, id));
}
