// One inbound item as archived: text with matches, status, what was done on the platform, and every event.
import { useEffect } from 'react';
import { Link } from 'wouter';
import { Highlighted } from '../../components/highlight.js';
import { ReasonAction } from '../../components/reason-action.js';
import { ErrorNote, formatTime, Loading } from '../../components/status.js';
import { EventHistory } from '../review/context-lists.js';
import { useInboundItem, useUnhide } from './hooks.js';

export function InboundItemPage({ id }: { id: string }) {
  const item = useInboundItem(id);
  const unhide = useUnhide(id);
  const waiting = unhide.isSuccess && unhideWaiting(item.data?.derived);
  // The unhide runs as a job after the request answers: look again every few seconds (for a minute at most) so
  // the page turns to "visible" by itself instead of showing "hidden" until the moderator reloads.
  useEffect(() => {
    if (!waiting) return;
    const started = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - started > 60_000) clearInterval(timer);
      else void item.refetch();
    }, 2_000);
    return () => clearInterval(timer);
  }, [waiting, item.refetch]);
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
        </div>
      )}
      {/* Outside the panel above, which goes away once the reply is visible: the confirmation must outlive it. */}
      {unhide.isSuccess && (
        <p role="status">
          {unhideRefused(d)
            ? 'Unhide queued, but the platform refused it: see “failed” above.'
            : d.hidden
              ? 'Unhide queued: the platform will show it again shortly.'
              : 'Unhide queued and done: the platform shows it again.'}
        </p>
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

type Derived = { hidden: boolean; pendingActions: string[]; failedActions: string[] };

/** The last unhide failed and no new one is under way (an earlier failure stays listed until one succeeds). */
const unhideRefused = (d: Derived): boolean =>
  d.failedActions.includes('unhide') && !d.pendingActions.includes('unhide');

/** True while an unhide has been asked for but the platform has neither done it nor refused it. */
const unhideWaiting = (d: Derived | undefined): boolean => !!d && d.hidden && !unhideRefused(d);
