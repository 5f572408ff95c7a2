// Test helpers for hijack detection: a post row as the publishing module leaves it.
import { newId } from '../../src/ids.js';
import type { TestApp } from './app.js';

export async function insertParapetPost(
  t: TestApp,
  p: { orgId: string; accountId: string; authorId: string },
  text: string,
  status: 'published' | 'publishing',
  platformId: string | null,
): Promise<void> {
  const now = Date.now();
  await t.ctx.db
    .insertInto('post')
    .values({
      id: newId(),
      org_id: p.orgId,
      batch_id: newId(),
      account_id: p.accountId,
      author_id: p.authorId,
      kind: 'post',
      text,
      reply_to: null,
      media_urls: '[]',
      status,
      revision: 1,
      approvals_required: 0,
      scheduled_at: null,
      time_zone: null,
      checks: '{}',
      hold_reason: null,
      platform_ref: platformId ? JSON.stringify({ id: platformId }) : null,
      platform_post_id: platformId,
      url: null,
      published_at: status === 'published' ? now : null,
      deleted_at: null,
      last_error: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
}
