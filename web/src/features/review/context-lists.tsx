// The thread around an item, the author's earlier messages and the item's moderation history.
import { Link } from 'wouter';
import type { ReviewContext } from '../../api/types.js';
import { Empty, formatTime } from '../../components/status.js';

export function ThreadView({ thread }: { thread: ReviewContext['thread'] }) {
  if (thread.length === 0) return <Empty>No thread: this message stands alone.</Empty>;
  return (
    <ol className="thread">
      {thread.map((m) => (
        <li key={`${m.source}-${m.id}`} className={m.current ? 'current' : m.source === 'own' ? 'own' : ''}>
          <span className="muted">
            {m.source === 'own' ? 'Our post' : `@${m.authorHandle}`} · {formatTime(m.createdAt)}
            {m.current ? ' · this message' : ''}
            {m.status && m.source === 'inbound' && !m.current ? ` · ${m.status.replaceAll('_', ' ')}` : ''}
          </span>
          <p>{m.text}</p>
        </li>
      ))}
    </ol>
  );
}

export function AuthorHistory({ items }: { items: ReviewContext['authorHistory'] }) {
  if (items.length === 0) return <Empty>No earlier messages from this author.</Empty>;
  return (
    <ul className="plain">
      {items.map((m) => (
        <li key={m.id}>
          <Link href={`/inbound/${m.id}`}>{m.text.length > 100 ? `${m.text.slice(0, 99)}…` : m.text}</Link>{' '}
          <span className="muted">
            {formatTime(m.receivedAt)} · {m.status.replaceAll('_', ' ')}
            {m.categories.length ? ` · ${m.categories.join(', ')}` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}

type Event = ReviewContext['history'][number];

export function EventHistory({ events }: { events: Event[] }) {
  if (events.length === 0) return <Empty>Nothing has happened to this item yet.</Empty>;
  return (
    <table>
      <caption className="visually-hidden">Moderation history, oldest first</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">What</th>
          <th scope="col">Who</th>
          <th scope="col">Note</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.id}>
            <td>{formatTime(e.createdAt)}</td>
            <td>
              {e.type.replaceAll('_', ' ')}
              {e.action ? `: ${e.action}` : ''}
            </td>
            <td>{e.actor.label}</td>
            <td>{e.note ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
