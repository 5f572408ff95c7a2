// Fixtures for the publishing execution tests: a post row put straight into a status (as compose/approval
// would leave it), its publish job, and small readers for what the tests assert on.
import assert from 'node:assert/strict';
import type { PostStatus } from '../../src/db/schema/publishing.js';
import { newId } from '../../src/ids.js';
import { JobWorker } from '../../src/jobs/worker.js';
import { createLogger } from '../../src/logger.js';
import type { AccountPermission } from '../../src/modules/identity/policy.js';
import { enqueuePublish } from '../../src/modules/publishing/publish-queue.js';
import { addUser, as, createOrg, type Org, type Session, signIn, type TestApp } from './app.js';
import { sandboxConnectFields } from './sandbox-account.js';

export interface PostSeed {
  orgId: string;
  accountId: string;
  authorId: string;
  text?: string;
  status?: PostStatus;
  scheduledAt?: number | null;
}

/** Inserts a post (and revision 1); a `scheduled` post also gets its publish job, as approval would do. */
export async function seedPost(t: TestApp, seed: PostSeed): Promise<string> {
  const id = newId();
  const now = Date.now();
  const status = seed.status ?? 'scheduled';
  const text = seed.text ?? `Road closure update ${id.slice(-8)}`;
  await t.ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('post')
      .values({
        id,
        org_id: seed.orgId,
        batch_id: newId(),
        account_id: seed.accountId,
        author_id: seed.authorId,
        kind: 'post',
        text,
        reply_to: null,
        media_urls: '[]',
        status,
        revision: 1,
        approvals_required: 0,
        scheduled_at: seed.scheduledAt ?? null,
        time_zone: null,
        checks: '{"verdict":"ok","matches":[]}',
        hold_reason: null,
        platform_ref: null,
        platform_post_id: null,
        url: null,
        published_at: null,
        deleted_at: null,
        last_error: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto('post_revision')
      .values({
        post_id: id,
        org_id: seed.orgId,
        revision: 1,
        text,
        edited_by: seed.authorId,
        created_at: now,
      })
      .execute();
    if (status === 'scheduled')
      await enqueuePublish(trx, {
        id,
        org_id: seed.orgId,
        revision: 1,
        scheduled_at: seed.scheduledAt ?? null,
      });
  });
  return id;
}

export const readPost = (t: TestApp, id: string) =>
  t.ctx.db.selectFrom('post').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** Runs only the publishing jobs that are due (other modules' jobs, e.g. alert delivery, stay queued). */
export async function drainPublishing(t: TestApp): Promise<void> {
  const handlers = new Map([...t.ctx.jobHandlers].filter(([type]) => type.startsWith('publishing.')));
  const worker = new JobWorker({
    db: t.ctx.db,
    kind: t.ctx.dbKind,
    logger: createLogger('silent'),
    handlers,
    concurrency: 4,
    pollMs: 50,
    leaseMs: 60_000,
  });
  // Jobs of other types would be claimed and dead-lettered by this worker: push them out of reach first.
  await t.ctx.db
    .updateTable('job')
    .set({ status: 'pending', run_after: Date.now() + 3_600_000, locked_by: null, locked_until: null })
    .where('type', 'not like', 'publishing.%')
    .where('status', 'in', ['pending', 'running'])
    .execute();
  await worker.drain();
}

export async function auditActions(t: TestApp, targetId: string): Promise<string[]> {
  const rows = await t.ctx.db
    .selectFrom('audit_record')
    .select('action')
    .where('target_id', '=', targetId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.action);
}

export async function publishJobs(t: TestApp, postId: string) {
  const rows = await t.ctx.db
    .selectFrom('job')
    .selectAll()
    .where('type', '=', 'publishing.publish')
    .execute();
  return rows.filter((j) => (JSON.parse(j.payload) as { postId: string }).postId === postId);
}

export interface PublishingOrg {
  org: Org;
  admin: Session;
  author: { id: string; email: string };
  accountId: string;
  sandboxUserId: string;
  sandboxToken: string;
}

/** An organisation with an admin, an author granted `permissions` on one connected Sandbox account. */
export async function setUpPublishingOrg(
  t: TestApp,
  handle: string,
  permissions: AccountPermission[],
): Promise<PublishingOrg> {
  const org = await createOrg(t);
  const admin = await signIn(t, org.adminEmail);
  const author = await addUser(t, org.orgId, ['author']);
  const fields = await sandboxConnectFields(t, handle);
  const res = await as(t, admin)('POST', '/api/v1/accounts', fields);
  assert.equal(res.statusCode, 201, res.body);
  const accountId = res.json().id as string;
  const grant = await as(t, admin)('PUT', `/api/v1/accounts/${accountId}/grants/${author.id}`, {
    permissions,
  });
  assert.equal(grant.statusCode, 200, grant.body);
  return {
    org,
    admin,
    author,
    accountId,
    sandboxUserId: fields.platformAccountId,
    sandboxToken: fields.credentials.token,
  };
}

/** The Sandbox's own copies of a text posted by one Sandbox user (what "the platform" holds). */
export const sandboxPostsWithText = (t: TestApp, sandboxUserId: string, text: string) =>
  t.ctx.db
    .selectFrom('sandbox_post')
    .select(['id', 'deleted_at'])
    .where('author_id', '=', sandboxUserId)
    .where('text', '=', text)
    .execute();
