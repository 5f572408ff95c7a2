// A month of history for the demo force, so every screen has something to show on first start: posts
// published (and approved) on every account, public replies to them on the Sandbox, and those replies
// classified by the organisation's real dictionaries with the moderation that followed (automatic hides,
// reviewed spam, handled safeguarding messages, a few still waiting in the queue).
//
// Written straight into the tables with back-dated times, because replaying a month through the live
// pipeline would stamp everything "now". Moderation events are labelled "demo history" so nobody mistakes
// them for real decisions; they are not in the audit log, which only holds what really happened.
import type { AppContext } from '../context.js';
import { newId } from '../ids.js';
import { getActiveMatcher } from '../modules/dictionaries/matcher-cache.js';
import { reduceStatus } from '../modules/moderation/status.js';
import { prng } from '../prng.js';
import { insertUser, newPostId, userByHandle } from '../sandbox/repo.js';
import { generateReplies } from '../sandbox/simulator.js';
import { buildItemEvents, type ReplyOutcome } from './history-events.js';
import { PLACES, POST_LINES } from './post-lines.js';
import type { DemoForce } from './seed.js';

const DAY = 86_400_000;
const DAYS = 30;

export async function seedDemoHistory(ctx: AppContext, force: DemoForce, now = Date.now()): Promise<number> {
  const rand = prng(2026);
  const matcher = await getActiveMatcher(ctx, force.orgId);
  const accounts = await ctx.db
    .selectFrom('social_account')
    .select(['id', 'platform_account_id'])
    .where('org_id', '=', force.orgId)
    .execute();
  const authorsByAccount = await authorsFor(ctx, force);
  const moderators = [...force.people].filter(([email]) => email.startsWith('moderator')).map(([, id]) => id);
  const approver = force.people.get('comms@northshire.example')!;
  let replies = 0;
  for (const account of accounts) {
    const posts: Array<{ id: string; at: number }> = [];
    await ctx.db.transaction().execute(async (trx) => {
      for (let day = DAYS; day >= 1; day--) {
        if (rand() > 0.75) continue;
        const at = now - day * DAY + Math.floor(rand() * 10 * 3_600_000) + 8 * 3_600_000;
        const text = POST_LINES[Math.floor(rand() * POST_LINES.length)]!.replace(
          '{place}',
          PLACES[Math.floor(rand() * PLACES.length)]!,
        );
        const sandboxId = newPostId(at);
        await trx
          .insertInto('sandbox_post')
          .values({
            id: sandboxId,
            author_id: account.platform_account_id,
            text,
            reply_to_id: null,
            root_id: null,
            hidden: 0,
            deleted_at: null,
            created_at: at,
          })
          .execute();
        const authors = authorsByAccount.get(account.id) ?? [approver];
        const author = authors[Math.floor(rand() * authors.length)]!;
        await insertPublishedPost(trx, {
          orgId: force.orgId,
          accountId: account.id,
          authorId: author,
          approver,
          text,
          at,
          sandboxId,
        });
        posts.push({ id: sandboxId, at });
      }
      const generated = generateReplies(Math.floor(rand() * 1e9), posts, Math.round(posts.length * 2.5));
      for (const reply of generated) {
        const post = posts.find((p) => p.id === reply.postId)!;
        const persona =
          (await userByHandle(trx, reply.persona.handle)) ??
          (await insertUser(trx, {
            handle: reply.persona.handle,
            displayName: reply.persona.displayName,
            kind: 'public',
          }));
        const at = Math.min(now - 60_000, post.at + Math.floor(rand() * 6 * 3_600_000) + 60_000);
        const matches = matcher.match(reply.text);
        const categories = [...new Set(matches.map((m) => m.category))];
        // The last day's safeguarding and spam are left for the demo's moderators to handle.
        const outcome: ReplyOutcome = now - at < DAY && rand() < 0.6 ? 'open' : 'handled';
        const sandboxId = newPostId(at);
        const events = buildItemEvents({
          categories,
          at,
          outcome,
          moderator: moderators[Math.floor(rand() * moderators.length)] ?? null,
          rand,
        });
        const hidden = events.some((e) => e.type === 'action_succeeded' && e.action === 'hide');
        await trx
          .insertInto('sandbox_post')
          .values({
            id: sandboxId,
            author_id: persona.id,
            text: reply.text,
            reply_to_id: post.id,
            root_id: post.id,
            hidden: hidden ? 1 : 0,
            deleted_at: null,
            created_at: at,
          })
          .execute();
        await insertItem(trx, {
          orgId: force.orgId,
          accountId: account.id,
          sandboxId,
          rootId: post.id,
          persona,
          text: reply.text,
          at,
          matches,
          categories,
          events,
        });
        replies++;
      }
    });
  }
  return replies;
}

async function authorsFor(ctx: AppContext, force: DemoForce): Promise<Map<string, string[]>> {
  const grants = await ctx.db
    .selectFrom('account_grant')
    .select(['account_id', 'user_id'])
    .where('org_id', '=', force.orgId)
    .execute();
  const byAccount = new Map<string, string[]>();
  for (const g of grants) byAccount.set(g.account_id, [...(byAccount.get(g.account_id) ?? []), g.user_id]);
  return byAccount;
}

type Trx = AppContext['db'];

async function insertPublishedPost(
  trx: Trx,
  p: {
    orgId: string;
    accountId: string;
    authorId: string;
    approver: string;
    text: string;
    at: number;
    sandboxId: string;
  },
): Promise<void> {
  const id = newId();
  const submitted = p.at - 20 * 60_000;
  await trx
    .insertInto('post')
    .values({
      id,
      org_id: p.orgId,
      batch_id: newId(),
      account_id: p.accountId,
      author_id: p.authorId,
      kind: 'post',
      text: p.text,
      reply_to: null,
      media_urls: '[]',
      status: 'published',
      revision: 1,
      approvals_required: p.authorId === p.approver ? 0 : 1,
      scheduled_at: null,
      time_zone: 'Europe/London',
      checks: JSON.stringify({ verdict: 'ok', matches: [], checkedAt: submitted }),
      hold_reason: null,
      platform_ref: JSON.stringify({ id: p.sandboxId }),
      platform_post_id: p.sandboxId,
      url: null,
      published_at: p.at,
      deleted_at: null,
      last_error: null,
      created_at: submitted - 5 * 60_000,
      updated_at: p.at,
    })
    .execute();
  await trx
    .insertInto('post_revision')
    .values({
      post_id: id,
      org_id: p.orgId,
      revision: 1,
      text: p.text,
      edited_by: p.authorId,
      created_at: submitted,
    })
    .execute();
  if (p.authorId !== p.approver)
    await trx
      .insertInto('post_approval')
      .values({
        id: newId(),
        org_id: p.orgId,
        post_id: id,
        revision: 1,
        step: 1,
        approver_id: p.approver,
        decision: 'approved',
        comment: null,
        created_at: p.at - 60_000,
      })
      .execute();
}

async function insertItem(
  trx: Trx,
  i: {
    orgId: string;
    accountId: string;
    sandboxId: string;
    rootId: string;
    persona: { id: string; handle: string; display_name: string };
    text: string;
    at: number;
    matches: unknown[];
    categories: string[];
    events: ReturnType<typeof buildItemEvents>;
  },
): Promise<void> {
  const itemId = newId();
  const events = i.events;
  const { status, flags } = reduceStatus(events);
  const time = (type: string) => events.find((e) => e.type === type)?.created_at ?? null;
  const safeguarding = i.categories.some((c) => c === 'welfare' || c === 'threat');
  await trx
    .insertInto('inbound_item')
    .values({
      id: itemId,
      org_id: i.orgId,
      account_id: i.accountId,
      platform: 'sandbox',
      platform_item_id: i.sandboxId,
      kind: 'reply',
      text: i.text,
      author_platform_id: i.persona.id,
      author_handle: i.persona.handle,
      author_name: i.persona.display_name,
      ref: JSON.stringify({ id: i.sandboxId, root: { id: i.rootId } }),
      in_reply_to_id: i.rootId,
      root_id: i.rootId,
      url: null,
      raw: JSON.stringify({
        id: i.sandboxId,
        text: i.text,
        author: i.persona.handle,
        created_at: new Date(i.at).toISOString(),
      }),
      matches: JSON.stringify(i.matches),
      categories: JSON.stringify(i.categories),
      safeguarding: safeguarding ? 1 : 0,
      priority: safeguarding ? 100 : i.categories.length > 0 ? 20 : 0,
      status,
      assigned_to: flags.assignedTo,
      due_at: flags.dueAt,
      platform_created_at: i.at,
      received_at: i.at + 2_000,
      classified_at: time('classified'),
      action_issued_at: time('action_requested'),
      action_confirmed_at: time('action_succeeded'),
      decided_at: time('decision'),
      created_at: i.at + 2_000,
      updated_at: events.at(-1)?.created_at ?? i.at,
    })
    .execute();
  for (const e of events)
    await trx
      .insertInto('moderation_event')
      .values({
        id: e.id,
        org_id: i.orgId,
        item_id: itemId,
        type: e.type,
        action: e.action,
        actor_type: e.actor_type,
        actor_id: e.actor_id,
        actor_label: e.actor_label,
        note: e.note,
        detail: JSON.stringify(e.detail),
        created_at: e.created_at,
      })
      .execute();
}
