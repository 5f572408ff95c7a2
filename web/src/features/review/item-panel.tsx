// One open item: the text with matches marked, actions, sign-off, templates, thread, author and history.
import { Link } from 'wouter';
import { Highlighted } from '../../components/highlight.js';
import { ErrorNote, formatTime, Loading } from '../../components/status.js';
import { AuthorHistory, EventHistory, ThreadView } from './context-lists.js';
import { useItemContext } from './hooks.js';
import { ItemActions } from './item-actions.js';
import { SignoffPanel } from './signoff-panel.js';
import { SlaClock } from './sla-clock.js';
import { TemplatesPanel } from './templates-panel.js';

interface Props {
  id: string;
  meId: string;
  canListUsers: boolean;
  pending: string | null;
  onPending(decision: string | null): void;
  onDecided(message: string): void;
}

export function ItemPanel({ id, meId, canListUsers, pending, onPending, onDecided }: Props) {
  const context = useItemContext(id);
  if (context.isPending) return <Loading what="the item" />;
  if (context.isError) return <ErrorNote error={context.error} />;
  const c = context.data;
  const item = c.item;
  return (
    <article className={`item-panel ${item.safeguarding ? 'safeguarding' : ''}`} aria-labelledby="item-title">
      <h2 id="item-title">
        {item.safeguarding ? 'Safeguarding: message' : 'Message'} from @{item.author.handle}
      </h2>
      <p className="queue-meta">
        <span className="badge">{item.categories.join(', ')}</span>
        <SlaClock dueAt={item.dueAt} />
        <span className="badge">{item.status.replaceAll('_', ' ')}</span>
        <span className="muted">
          to @{item.account.handle} ({item.account.platform}) · received {formatTime(item.receivedAt)}
        </span>
      </p>
      <blockquote className="item-text">
        <Highlighted
          text={item.text}
          spans={c.matches.map((m) => ({ start: m.start, end: m.end, label: `${m.dictionary}: ${m.term}` }))}
        />
      </blockquote>
      <p className="muted small-text">
        Matched: {c.matches.map((m) => `“${m.text}” (${m.dictionary})`).join(', ') || 'nothing'} ·{' '}
        <Link href={`/inbound/${item.id}`}>Full item record</Link>
        {item.url && (
          <>
            {' · '}
            <a href={item.url} target="_blank" rel="noreferrer">
              View on {item.account.platform}
            </a>
          </>
        )}
      </p>
      {item.status === 'awaiting_signoff' && <SignoffPanel context={c} meId={meId} onDone={onDecided} />}
      <ItemActions
        context={c}
        meId={meId}
        canListUsers={canListUsers}
        pending={pending}
        onPending={onPending}
        onDecided={onDecided}
      />
      {item.safeguarding && <TemplatesPanel context={c} />}
      <h3>Thread</h3>
      <ThreadView thread={c.thread} />
      <h3>Author's earlier messages</h3>
      <AuthorHistory items={c.authorHistory} />
      <h3>Moderation history</h3>
      <EventHistory events={c.history} />
    </article>
  );
}
