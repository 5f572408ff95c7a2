// Outbound checks: the organisation's active dictionaries whose action is block_publish, require_approval
// or warn, run over a post's text. Inbound dictionaries (hide, review…) are ignored here: an officer quoting
// abuse back is not itself abusive. Called by the live check, at submit and at edit, and by the publish job.
import type { AppContext } from '../../context.js';
import { getActiveMatcher } from '../dictionaries/matcher-cache.js';

export interface OutboundMatch {
  dictionary: string;
  category: string;
  term: string;
  action: 'block_publish' | 'require_approval' | 'warn';
  start: number;
  end: number;
}

export interface OutboundCheck {
  verdict: 'ok' | 'warn' | 'require_approval' | 'block';
  matches: OutboundMatch[];
}

const OUTBOUND_ACTIONS = new Set<string>(['block_publish', 'require_approval', 'warn']);
const VERDICT_OF = { block_publish: 'block', require_approval: 'require_approval', warn: 'warn' } as const;
const RANK = { ok: 0, warn: 1, require_approval: 2, block: 3 } as const;

/** The strongest verdict of the matches: block > require_approval > warn > ok. */
export function verdictOf(matches: readonly Pick<OutboundMatch, 'action'>[]): OutboundCheck['verdict'] {
  let verdict: OutboundCheck['verdict'] = 'ok';
  for (const m of matches) {
    const v = VERDICT_OF[m.action];
    if (RANK[v] > RANK[verdict]) verdict = v;
  }
  return verdict;
}

/** Matches carry UTF-16 offsets into `text`, so the dashboard can highlight them in place. */
export async function checkOutbound(
  app: Pick<AppContext, 'db' | 'logger'>,
  orgId: string,
  text: string,
): Promise<OutboundCheck> {
  const matcher = await getActiveMatcher(app, orgId);
  const matches: OutboundMatch[] = [];
  for (const m of matcher.match(text)) {
    const action = matcher.dictionaries.get(m.dictionary)?.action;
    if (!action || !OUTBOUND_ACTIONS.has(action)) continue;
    matches.push({
      dictionary: m.dictionary,
      category: m.category,
      term: m.term,
      action: action as OutboundMatch['action'],
      start: m.start,
      end: m.end,
    });
  }
  matches.sort((a, b) => a.start - b.start || a.end - b.end);
  return { verdict: verdictOf(matches), matches };
}
