// The queue: safeguarding rows first (as the API orders them) and marked apart, each with its SLA clock.
import { Link } from 'wouter';
import type { QueueRow } from '../../api/types.js';
import { SlaClock } from './sla-clock.js';

interface Props {
  items: QueueRow[];
  cursor: number;
  openId: string | null;
  selected: Set<string>;
  onToggle(id: string): void;
  onCursor(index: number): void;
}

const excerpt = (text: string) => (text.length > 140 ? `${text.slice(0, 139)}…` : text);

export function QueueList({ items, cursor, openId, selected, onToggle, onCursor }: Props) {
  return (
    <ol className="queue" aria-label="Items waiting for review">
      {items.map((item, index) => (
        <li
          key={item.id}
          className={[
            'queue-row',
            item.safeguarding ? 'safeguarding' : '',
            index === cursor ? 'cursor' : '',
            item.id === openId ? 'open' : '',
          ].join(' ')}
        >
          <input
            type="checkbox"
            id={`select-${item.id}`}
            checked={selected.has(item.id)}
            onChange={() => onToggle(item.id)}
            aria-label={`Select the message from @${item.author.handle}`}
          />
          <div className="queue-main">
            <div className="queue-meta">
              {item.safeguarding && <span className="badge badge-sg">Safeguarding</span>}
              <span className="badge">{item.categories.join(', ') || 'uncategorised'}</span>
              <SlaClock dueAt={item.dueAt} />
              {item.status !== 'queued' && <span className="badge">{item.status.replaceAll('_', ' ')}</span>}
              {item.assignedTo && <span className="muted">with {item.assignedTo.name}</span>}
            </div>
            <Link
              href={`/review/${item.id}`}
              className="queue-link"
              data-row={index}
              aria-current={item.id === openId ? 'true' : undefined}
              onFocus={() => onCursor(index)}
            >
              {excerpt(item.text)}
            </Link>
            <div className="muted small-text">
              @{item.author.handle} → @{item.account.handle} ({item.account.platform})
            </div>
          </div>
        </li>
      ))}
    </ol>
  );
}
