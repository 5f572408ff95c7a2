// What a post must pass on its way to the approvers or the publish queue: the caller's right to use each
// account, the platforms' limits, the outbound dictionaries and the licence to post.

import type { Platform, PostRef } from '../../connectors/types.js';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { badRequest, forbidden, notFound } from '../../http/errors.js';
import type { AccountPermission } from '../identity/policy.js';
import type { Principal } from '../identity/roles.js';
import { assertLicenceToPost } from '../licence/check.js';
import { outboundBlockedError, platformLimitsError } from './compose-errors.js';
import { type AccountRow, accountsById, grantsOf } from './compose-repo.js';
import { checkOutbound, type OutboundCheck } from './outbound-checks.js';
import { checkPlatformLimits, type PostDraft } from './platform-limits.js';
import { sendMode } from './policy.js';

export interface Target {
  account: AccountRow;
  mode: 'direct' | 'approval';
}

/** The accounts named, each with how the caller may send on it; 404 for unknown ids, 403 when not allowed. */
export async function resolveTargets(
  db: Db,
  p: Principal,
  accountIds: readonly string[],
  kind: 'post' | 'reply',
): Promise<Target[]> {
  const ids = [...new Set(accountIds)];
  const accounts = await accountsById(db, p.orgId, ids);
  const grants = await grantsOf(db, p.orgId, p.userId, ids);
  return ids.map((id) => {
    const account = accounts.get(id);
    if (!account) throw notFound(`Account ${id}`);
    const grant = grants.get(id) as { permissions: AccountPermission[] } | undefined;
    const mode = sendMode(p, grant ?? null, account, kind);
    if (!mode)
      throw forbidden(
        account.status === 'suspended'
          ? `The account ${account.handle} is suspended.`
          : `You may not ${kind === 'reply' ? 'reply' : 'post'} as ${account.handle} (${account.platform}); ask comms for a grant.`,
      );
    return { account, mode };
  });
}

/** The PostRef replied to: given directly, or an inbound item's; every account must be on its platform. */
export async function resolveReplyTo(
  db: Db,
  orgId: string,
  input: { replyTo?: PostRef; replyToItemId?: string },
  targets: readonly Target[],
): Promise<PostRef | null> {
  if (input.replyTo && input.replyToItemId)
    throw badRequest('reply_target_ambiguous', 'Give replyTo or replyToItemId, not both.');
  const platforms = new Set(targets.map((t) => t.account.platform));
  if (input.replyToItemId) {
    const item = await db
      .selectFrom('inbound_item')
      .select(['ref', 'platform'])
      .where('org_id', '=', orgId)
      .where('id', '=', input.replyToItemId)
      .executeTakeFirst();
    if (!item) throw notFound('Inbound item');
    if (platforms.size !== 1 || !platforms.has(item.platform))
      throw badRequest(
        'reply_platform_mismatch',
        `The item replied to is on ${item.platform}; reply from ${item.platform} accounts only.`,
      );
    return JSON.parse(item.ref) as PostRef;
  }
  if (input.replyTo && platforms.size !== 1)
    throw badRequest(
      'reply_platform_mismatch',
      'A reply goes to one platform: choose accounts on the platform of the post replied to.',
    );
  return input.replyTo ?? null;
}

/** Media are fetched by the platform from a public URL: only absolute http(s) URLs make sense. */
export function assertMediaUrls(urls: readonly string[] | undefined): void {
  for (const url of urls ?? []) {
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(url).protocol);
    } catch {}
    if (!ok)
      throw badRequest(
        'invalid_media_url',
        `"${url.slice(0, 100)}" is not a public http(s) URL of an image.`,
      );
  }
}

/** 400 platform_limits naming every platform and limit the draft breaks. */
export function assertPlatformLimits(platforms: readonly Platform[], draft: PostDraft): void {
  const problems = [...new Set(platforms)].flatMap((pl) => checkPlatformLimits(pl, draft));
  if (problems.length > 0) throw platformLimitsError(problems);
}

/** Everything a submission must pass before it is stored as submitted; returns the outbound check. */
export async function gateSubmission(
  app: AppContext,
  p: Principal,
  targets: readonly Target[],
  draft: PostDraft,
): Promise<OutboundCheck & { checkedAt: number }> {
  assertPlatformLimits(
    targets.map((t) => t.account.platform as Platform),
    draft,
  );
  const check = await checkOutbound(app, p.orgId, draft.text);
  if (check.verdict === 'block') throw outboundBlockedError(check.matches);
  await assertLicenceToPost(app.db, p.orgId, p.userId);
  return { ...check, checkedAt: Date.now() };
}
