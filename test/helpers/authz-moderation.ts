// Org A's inbound item for the authorization walk (resource "inbound"), inserted directly with one event.
import type { Org, Session, TestApp } from './app.js';

export async function seedModeration(
  t: TestApp,
  orgA: Org,
  _adminA: Session,
  accountId: string,
): Promise<Record<string, string>> {
  const id = crypto.randomUUID();
  const now = Date.now();
  await t.ctx.db
    .insertInto('inbound_item')
    .values({
      id,
      org_id: orgA.orgId,
      account_id: accountId,
      platform: 'sandbox',
      platform_item_id: `authz-${id}`,
      kind: 'reply',
      text: 'an item of organisation A',
      author_platform_id: 'someone',
      author_handle: 'someone',
      author_name: null,
      ref: JSON.stringify({ id: `authz-${id}` }),
      in_reply_to_id: null,
      root_id: null,
      url: null,
      raw: '{}',
      matches: '[]',
      categories: '["abuse"]',
      safeguarding: 0,
      priority: 30,
      status: 'queued',
      assigned_to: null,
      due_at: now + 60_000,
      platform_created_at: now,
      received_at: now,
      classified_at: now,
      action_issued_at: null,
      action_confirmed_at: null,
      decided_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await t.ctx.db
    .insertInto('moderation_event')
    .values({
      id: crypto.randomUUID(),
      org_id: orgA.orgId,
      item_id: id,
      type: 'queued',
      action: null,
      actor_type: 'system',
      actor_id: null,
      actor_label: 'test',
      note: null,
      detail: '{}',
      created_at: now,
    })
    .execute();
  return { inbound: id };
}
