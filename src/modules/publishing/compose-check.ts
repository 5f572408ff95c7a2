// The live check behind the composer: per-account platform validation and the outbound dictionary
// matches (with UTF-16 spans to highlight), before anything is saved. Read-only: nothing is stored.
import type { Platform } from '../../connectors/types.js';
import type { AppContext } from '../../context.js';
import type { Principal } from '../identity/roles.js';
import { assertMediaUrls, resolveTargets } from './compose-gates.js';
import { checkOutbound, type OutboundCheck } from './outbound-checks.js';
import { checkPlatformLimits, type LimitProblem, measureText } from './platform-limits.js';

export interface CheckResult extends OutboundCheck {
  accounts: Array<{
    accountId: string;
    platform: string;
    ok: boolean;
    length: number;
    max: number;
    unit: string;
    problems: LimitProblem[];
  }>;
}

export async function checkDraft(
  app: AppContext,
  p: Principal,
  input: { accountIds: string[]; text: string; mediaUrls?: string[]; reply?: boolean },
): Promise<CheckResult> {
  const kind = input.reply ? 'reply' : 'post';
  assertMediaUrls(input.mediaUrls);
  const targets = await resolveTargets(app.db, p, input.accountIds, kind);
  const draft = { text: input.text, mediaUrls: input.mediaUrls ?? [], kind } as const;
  const outbound = await checkOutbound(app, p.orgId, input.text);
  return {
    ...outbound,
    accounts: targets.map(({ account }) => {
      const platform = account.platform as Platform;
      const problems = checkPlatformLimits(platform, draft);
      return {
        accountId: account.id,
        platform,
        ok: problems.length === 0,
        ...measureText(platform, input.text),
        problems,
      };
    }),
  };
}
