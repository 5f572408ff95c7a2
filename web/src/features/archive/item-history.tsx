// Revisions, approvals and moderation events of an archived item, oldest first.

import type { ArchiveItem } from '../../api/types.js';
import { Empty, formatTime } from '../../components/status.js';

export function ItemHistory({ item, who }: { item: ArchiveItem; who(id: string): string }) {
  return (
    <>
      {item.kind === 'post' && (
        <section className="panel">
          <h2>Revisions</h2>
          {item.revisions.length === 0 ? (
            <Empty>No revisions recorded.</Empty>
          ) : (
            <ol className="revisions">
              {item.revisions.map((r) => (
                <li key={r.revision}>
                  <strong>Revision {r.revision}</strong> · {formatTime(r.createdAt)} · by {who(r.editedBy)}
                  <p>{r.text}</p>
                </li>
              ))}
            </ol>
          )}
          <h2>Approvals</h2>
          {item.approvals.length === 0 ? (
            <Empty>No approvals were needed or recorded.</Empty>
          ) : (
            <ul>
              {item.approvals.map((a) => (
                <li key={`${a.revision}-${a.step}-${a.approverId}`}>
                  Revision {a.revision}, step {a.step}: <strong>{a.decision}</strong> by {who(a.approverId)} ·{' '}
                  {formatTime(a.createdAt)}
                  {a.comment ? ` — “${a.comment}”` : ''}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <section className="panel">
        <h2>Moderation history</h2>
        {item.events.length === 0 ? (
          <Empty>No moderation events.</Empty>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Event</th>
                <th scope="col">Action</th>
                <th scope="col">By</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {item.events.map((e) => (
                <tr key={e.id}>
                  <td>{formatTime(e.createdAt)}</td>
                  <td>{e.type.replaceAll('_', ' ')}</td>
                  <td>{e.action ?? '—'}</td>
                  <td>{e.actor.label}</td>
                  <td>{e.note ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
