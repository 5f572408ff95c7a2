// What must still be true at the moment a post is published, however long ago it was approved: publishing
// not paused, the account usable, the author not suspended and still licensed, and the outbound dictionaries
// (which may have changed since approval) not blocking the text.
import type { AppContext } from '../../context.js';
import type { HoldKind } from '../../db/schema/publish-execution.js';
import type { SocialAccountTable } from '../../db/schema.js';
import { licenceStatus } from '../licence/check.js';
import { publishingPause } from './kill-switch-service.js';
import { checkOutbound, type OutboundCheck } from './outbound-checks.js';

export type GateResult =
  | { verdict: 'go' }
  | { verdict: 'hold'; kind: HoldKind; reason: string }
  | { verdict: 'fail'; reason: string; check: OutboundCheck };

export async function publishGates(
  app: AppContext,
  post: { org_id: string; author_id: string; text: string },
  account: Pick<SocialAccountTable, 'status' | 'status_reason' | 'handle'>,
): Promise<GateResult> {
  const pause = await publishingPause(app.db, post.org_id);
  if (pause) return hold('organisation_paused', `Publishing is paused: ${pause.reason}`);
  if (account.status === 'suspended')
    return hold('account_suspended', `The account ${account.handle} is suspended.`);
  if (account.status !== 'active')
    return hold(
      'account_unavailable',
      `The account ${account.handle} cannot publish (${account.status}${account.status_reason ? `: ${account.status_reason}` : ''}).`,
    );
  const author = await app.db
    .selectFrom('app_user')
    .select('status')
    .where('id', '=', post.author_id)
    .where('org_id', '=', post.org_id)
    .executeTakeFirst();
  if (!author || author.status === 'suspended') return hold('author_suspended', 'The author is suspended.');
  const licence = await licenceStatus(app.db, post.org_id, post.author_id);
  if (!licence.canPost)
    return hold(
      'author_unlicensed',
      licence.message ?? 'The author may not post until their licence is renewed.',
    );
  const check = await checkOutbound(app, post.org_id, post.text);
  if (check.verdict === 'block') {
    const terms = [...new Set(check.matches.filter((m) => m.action === 'block_publish').map((m) => m.term))];
    return {
      verdict: 'fail',
      reason: `Blocked at publish time by the outbound dictionaries (${terms.join(', ') || 'a blocking term'}); edit the post and submit it again.`,
      check,
    };
  }
  return { verdict: 'go' };
}

const hold = (kind: HoldKind, reason: string): GateResult => ({ verdict: 'hold', kind, reason });
