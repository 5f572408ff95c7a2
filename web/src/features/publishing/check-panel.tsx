// The live outbound check beside the composer: each account's platform limit counted as that platform
// counts it, the dictionary matches highlighted in the text, and what each match does to the post.
import { PLATFORM_NAMES } from '../../../../src/modules/publishing/platform-limits.js';
import type { Account, CheckResult, OutboundMatch } from '../../api/types.js';
import { Highlighted } from '../../components/highlight.js';

export const ACTION_LABEL: Record<string, string> = {
  block_publish: 'blocks publishing',
  require_approval: 'needs approval',
  warn: 'warning only',
};
const VERDICT_LABEL: Record<CheckResult['verdict'], string> = {
  ok: 'No outbound dictionary matches.',
  warn: 'Warnings: it can be sent, but read them first.',
  require_approval: 'This text will go to an approver before it is published.',
  block: 'Blocked: this text cannot be published as it is.',
};

export const platformName = (platform: string): string =>
  PLATFORM_NAMES[platform as keyof typeof PLATFORM_NAMES] ?? platform;

export function MatchList({ text, matches }: { text: string; matches: OutboundMatch[] }) {
  if (matches.length === 0) return null;
  return (
    <>
      <Highlighted
        text={text}
        spans={matches.map((m) => ({
          ...m,
          label: `${m.dictionary}: ${ACTION_LABEL[m.action] ?? m.action}`,
        }))}
      />
      <ul className="matches">
        {matches.map((m) => (
          <li key={`${m.start}-${m.end}-${m.dictionary}`} className={`match-${m.action}`}>
            <mark>{text.slice(m.start, m.end)}</mark> — dictionary <strong>{m.dictionary}</strong> (
            {m.category}): {ACTION_LABEL[m.action] ?? m.action}
          </li>
        ))}
      </ul>
    </>
  );
}

export function CheckPanel({
  text,
  result,
  accounts,
}: {
  text: string;
  result: CheckResult;
  accounts: Map<string, Account>;
}) {
  return (
    <section className="panel check-panel" aria-labelledby="check-heading">
      <h2 id="check-heading">Checks</h2>
      <ul className="limits">
        {result.accounts.map((a) => (
          <li key={a.accountId} className={a.ok ? 'ok' : 'error'}>
            <strong>
              {platformName(a.platform)}: {a.length}/{a.max}
            </strong>{' '}
            <span className="muted">
              {a.unit}, @{accounts.get(a.accountId)?.handle ?? a.accountId}
            </span>
            {a.problems.map((p) => (
              <div key={p.code}>{p.message}</div>
            ))}
          </li>
        ))}
      </ul>
      <p className={`verdict verdict-${result.verdict}`} role="status">
        {VERDICT_LABEL[result.verdict]}
      </p>
      <MatchList text={text} matches={result.matches} />
    </section>
  );
}

/** How the post will look on each chosen platform (text as typed; the platform renders links itself). */
export function Preview({
  text,
  mediaUrls,
  accounts,
}: {
  text: string;
  mediaUrls: string[];
  accounts: Account[];
}) {
  if (accounts.length === 0) return null;
  return (
    <section aria-labelledby="preview-heading">
      <h2 id="preview-heading">Preview</h2>
      <div className="previews">
        {accounts.map((a) => (
          <article
            key={a.id}
            className={`preview preview-${a.platform}`}
            aria-label={`Preview on ${a.handle}`}
          >
            <header>
              <strong>{a.displayName || a.handle}</strong> <span className="muted">@{a.handle}</span>
              <span className="badge">{platformName(a.platform)}</span>
            </header>
            <p className="preview-text">{text || <span className="muted">Nothing written yet.</span>}</p>
            {mediaUrls.length > 0 && (
              <p className="muted">
                {mediaUrls.length} image{mediaUrls.length === 1 ? '' : 's'} attached
              </p>
            )}
          </article>
        ))}
      </div>
    </section>
  );
}
