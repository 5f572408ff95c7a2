// One inbound item as archived: text with matches, status, what was done on the platform, and every event.
import { Link } from 'wouter';
import { Highlighted } from '../../components/highlight.js';
import { ReasonAction } from '../../components/reason-action.js';
import { ErrorNote, formatTime, Loading } from '../../components/status.js';
import { EventHistory } from '../review/context-lists.js';
import { useInboundItem, useUnhide } from './hooks.js';

export function InboundItemPage({ id }: { id: string }) {
  const item = useInboundItem(id);
  const unhide = useUnhide(id);
  if (item.isPending) return <Loading what="the item" />;
  if (item.isError) return <ErrorNote error={item.error} />;
  const i = item.data;
  const d = i.derived;
  return (
    <>
      <p>
        <Link href={`/accounts/${i.accountId}`}>← The account</Link> ·{' '}
        <Link href="/review">Review queue</Link>
      </p>
      <h1>
        {i.kind} from @{i.author.handle}
      </h1>
      <blockquote className="item-text">
        <Highlighted
          text={i.text}
          spans={i.matches.map((m) => ({ start: m.start, end: m.end, label: `${m.dictionary}: ${m.term}` }))}
        />
      </blockquote>
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <span className="badge">{d.status.replaceAll('_', ' ')}</span>
          {i.safeguarding && <span className="badge badge-sg">Safeguarding</span>}
        </dd>
        <dt>On the platform</dt>
        <dd>
          {[
            d.hidden && 'hidden',
            d.deleted && 'deleted',
            d.authorBlocked && 'author blocked',
            d.reported && 'reported',
          ]
            .filter(Boolean)
            .join(', ') || 'visible'}
          {d.pendingActions.length > 0 && ` · pending: ${d.pendingActions.join(', ')}`}
          {d.failedActions.length > 0 && (
            <span className="error"> · failed: {d.failedActions.join(', ')}</span>
          )}
        </dd>
        <dt>Categories</dt>
        <dd>{i.categories.join(', ') || '—'}</dd>
        <dt>Matched</dt>
        <dd>{i.matches.map((m) => `“${m.text}” (${m.dictionary}: ${m.term})`).join(', ') || 'nothing'}</dd>
        <dt>Review</dt>
        <dd>
          {d.review.replaceAll('_', ' ')}
          {d.decision ? ` · decision: ${d.decision}` : ''}
          {i.dueAt ? ` · due ${formatTime(i.dueAt)}` : ''}
        </dd>
        <dt>Times</dt>
        <dd>
          posted {formatTime(i.times.platformCreatedAt)} · received {formatTime(i.times.receivedAt)} · acted{' '}
          {formatTime(i.times.actionConfirmedAt)}
        </dd>
        {d.fallbacks.length > 0 && (
          <>
            <dt>Fallbacks</dt>
            <dd>
              {d.fallbacks.map((f) => `${f.action} → ${f.instead.join(' + ')} (${f.reason})`).join('; ')}
            </dd>
          </>
        )}
      </dl>
      {i.url && (
        <p>
          <a href={i.url} target="_blank" rel="noreferrer">
            View on {i.platform}
          </a>
        </p>
      )}
      {d.hidden && !d.deleted && (
        <div className="panel">
          <ReasonAction
            label="Unhide"
            describedAs={`Unhide this ${i.kind}`}
            onConfirm={(reason) => unhide.mutateAsync(reason)}
          />
          {unhide.isSuccess && <p role="status">Unhide queued: the platform will show it again shortly.</p>}
        </div>
      )}
      {['queued', 'in_review', 'escalated', 'awaiting_signoff'].includes(d.review) ? (
        <p>
          <Link href={`/review/${i.id}`}>Open in the review queue</Link>
        </p>
      ) : null}
      <h2>Moderation history</h2>
      <EventHistory events={i.events} />
    </>
  );
}
