// A Sandbox account seen two ways: on the left, its public timeline exactly as the public sees it (replies
// the account hid stay visible, greyed and marked); on the right, Parapet's own view of the same replies.
import type { Account, SandboxPublicTimeline } from '../../api/types.js';
import { Empty, ErrorNote, formatTime, Loading } from '../../components/status.js';
import { useAccountInbound } from '../moderation/hooks.js';
import { useSandboxPublicTimeline } from './connect-hooks.js';

type PublicPost = SandboxPublicTimeline['threads'][number]['post'];

function PublicPostView({ p, reply }: { p: PublicPost; reply: boolean }) {
  return (
    <li
      className={`${reply ? 'sbx-reply' : 'sbx-post'}${p.hidden ? ' sbx-hidden' : ''}`}
      data-hidden={p.hidden}
    >
      <strong>{p.authorName}</strong> <span className="muted">@{p.authorHandle}</span>{' '}
      <span className="muted">· {formatTime(p.createdAt)}</span>
      {p.hidden && <span className="badge">hidden by the account</span>}
      <p>{p.text}</p>
    </li>
  );
}

export function SandboxSideBySide({ account }: { account: Account }) {
  const timeline = useSandboxPublicTimeline(account.handle);
  const inbound = useAccountInbound(account.id);
  return (
    <section aria-labelledby="sbx-side-by-side">
      <h2 id="sbx-side-by-side">The public's view beside ours</h2>
      <p className="muted">
        What anyone sees on the Sandbox network (<a href="/sandbox">open the public view</a>), next to what
        Parapet recorded. Hidden replies stay visible to the public, greyed.
      </p>
      <div className="side-by-side">
        <div>
          <h3>What the public sees</h3>
          {timeline.isPending ? (
            <Loading what="the public timeline" />
          ) : timeline.isError ? (
            <ErrorNote error={timeline.error} />
          ) : timeline.data.threads.length === 0 ? (
            <Empty>This account has not posted on the Sandbox yet.</Empty>
          ) : (
            <ul className="plain sbx-timeline">
              {timeline.data.threads.map((t) => (
                <li key={t.post.id} className="sbx-thread">
                  <ul className="plain">
                    <PublicPostView p={t.post} reply={false} />
                    {t.replies.map((r) => (
                      <PublicPostView key={r.id} p={r} reply />
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3>What Parapet did</h3>
          {inbound.isPending ? (
            <Loading what="moderation history" />
          ) : inbound.isError ? (
            <ErrorNote error={inbound.error} />
          ) : inbound.data.items.length === 0 ? (
            <Empty>No replies received yet.</Empty>
          ) : (
            <ul className="plain sbx-timeline">
              {inbound.data.items.map((i) => (
                <li key={i.id} className="sbx-thread">
                  <span className="muted">@{i.author.handle}</span>{' '}
                  <span className={`badge status-${i.status}`}>{i.status.replaceAll('_', ' ')}</span>
                  <p>{i.text}</p>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
