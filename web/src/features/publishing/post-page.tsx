// One post: where it is, its text with the check results, where it was published, its history and actions.
import { Link } from 'wouter';
import type { Me } from '../../api/types.js';
import { ErrorNote, formatTime, Loading } from '../../components/status.js';
import { useAccounts, useUsers } from '../accounts/hooks.js';
import { MatchList, platformName } from './check-panel.js';
import { usePost } from './hooks.js';
import { PostActions } from './post-actions.js';
import { PostHistory } from './post-history.js';
import { StatusBadge, whereItWent } from './status-label.js';

export function PostPage({
  id,
  me,
  canListUsers,
  cancelAny,
}: {
  id: string;
  me: Me;
  canListUsers: boolean;
  cancelAny: boolean;
}) {
  const post = usePost(id);
  const accounts = useAccounts();
  const users = useUsers(canListUsers);
  if (post.isPending) return <Loading what="the post" />;
  if (post.isError) return <ErrorNote error={post.error} />;
  const p = post.data;
  const account = accounts.data?.accounts.find((a) => a.id === p.accountId);
  const names = new Map((users.data?.users ?? []).map((u) => [u.id, u.name]));
  const nameOf = (uid: string) => (uid === me.user.id ? 'you' : (names.get(uid) ?? 'a colleague'));
  return (
    <>
      <p>
        <Link href="/posts">← All posts</Link>
      </p>
      <h1>
        {p.kind === 'reply' ? 'Reply' : 'Post'} on @{account?.handle ?? '…'} <StatusBadge status={p.status} />
      </h1>
      <p role="status">{whereItWent(p)}</p>
      {p.url && (
        <p>
          <a href={p.url} target="_blank" rel="noreferrer">
            See it on {account ? platformName(account.platform) : 'the platform'}
          </a>
        </p>
      )}
      <dl className="facts">
        <dt>Author</dt>
        <dd>{nameOf(p.authorId)}</dd>
        <dt>Revision</dt>
        <dd>{p.revision}</dd>
        <dt>Scheduled</dt>
        <dd>
          {p.scheduledAt
            ? `${formatTime(p.scheduledAt)}${p.timeZone ? ` (${p.timeZone})` : ''}`
            : 'as soon as cleared'}
        </dd>
        <dt>Submitted</dt>
        <dd>{formatTime(p.submittedAt)}</dd>
        <dt>Published</dt>
        <dd>{formatTime(p.publishedAt)}</dd>
        {p.lastError && (
          <>
            <dt>Last error</dt>
            <dd className="error">{p.lastError}</dd>
          </>
        )}
      </dl>
      <h2>Text</h2>
      {p.checks.matches.length > 0 ? (
        <MatchList text={p.text} matches={p.checks.matches} />
      ) : (
        <p className="highlighted">{p.text}</p>
      )}
      <p className="muted">
        Outbound check: {p.checks.verdict === 'ok' ? 'no matches' : p.checks.verdict.replace('_', ' ')}
        {p.checks.checkedAt ? `, ${formatTime(p.checks.checkedAt)}` : ', not checked yet'}.
      </p>
      {p.mediaUrls.length > 0 && (
        <ul className="plain">
          {p.mediaUrls.map((u) => (
            <li key={u}>{u}</li>
          ))}
        </ul>
      )}
      <PostActions post={p} isAuthor={p.authorId === me.user.id} cancelAny={cancelAny} />
      <PostHistory post={p} nameOf={nameOf} />
    </>
  );
}
