// One archived item: its text, status, revisions, approvals and moderation history, and the raw payload.
import { Link } from 'wouter';
import { ErrorNote, formatTime, Loading } from '../../components/status.js';
import { useUsers } from '../accounts/hooks.js';
import { useArchiveItem } from './hooks.js';
import { ItemHistory } from './item-history.js';
import type { ArchivePermissions } from './permissions.js';
import { ArchiveStatus } from './status-label.js';

interface Props {
  kind: string;
  id: string;
  can: ArchivePermissions;
  canListUsers: boolean;
}

export function ArchiveItemPage({ kind, id, can, canListUsers }: Props) {
  const item = useArchiveItem(kind, id);
  // The archive names officers by user id; show their names where the caller may list users.
  const users = useUsers(canListUsers);
  const who = (userId: string) => users.data?.users.find((u) => u.id === userId)?.name ?? userId;
  if (item.isPending) return <Loading what="the archived item" />;
  if (item.isError) return <ErrorNote error={item.error} />;
  const it = item.data;
  const author =
    it.author.type === 'officer' ? who(it.author.id) : (it.author.name ?? it.author.handle ?? it.author.id);
  return (
    <>
      <p>
        <Link href="/archive">← Archive</Link>
      </p>
      <h1>
        {it.kind === 'post' ? 'Our post' : 'Received item'} by {author}
      </h1>
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <ArchiveStatus status={it.status} redacted={it.redactedAt !== null} />
        </dd>
        <dt>When</dt>
        <dd>{formatTime(it.occurredAt)}</dd>
        {it.redactedAt !== null && (
          <>
            <dt>Redacted</dt>
            <dd>{formatTime(it.redactedAt)}</dd>
          </>
        )}
        <dt>Categories</dt>
        <dd>{it.categories.length ? it.categories.join(', ') : 'none'}</dd>
        <dt>On the platform</dt>
        <dd>
          {it.url ? (
            <a href={it.url} rel="noreferrer">
              {it.platformItemId ?? it.url}
            </a>
          ) : (
            (it.platformItemId ?? 'not published')
          )}
        </dd>
      </dl>
      <div className="panel">
        <h2>Text</h2>
        <p className="archive-text">
          {it.redactedAt !== null ? 'Removed under the retention rules.' : it.text}
        </p>
      </div>
      <ItemHistory item={it} who={who} />
      {can.viewRetention && (
        <details className="panel raw">
          <summary>Raw platform payload</summary>
          <pre>{it.raw ?? 'No raw payload was stored for this item.'}</pre>
        </details>
      )}
    </>
  );
}
