// The approvals queue: posts waiting for the caller's approval, oldest first, with the check results and
// their matches highlighted, the N-step progress, and approve (optional comment) / reject (comment required).
import { useState } from 'react';
import { Link } from 'wouter';
import type { ApprovalItem, Me } from '../../api/types.js';
import { Empty, ErrorNote, formatTime, Loading } from '../../components/status.js';
import { useAccounts, useUsers } from '../accounts/hooks.js';
import { MatchList } from './check-panel.js';
import { useApprovals, usePostAction } from './hooks.js';
import { Refusal } from './refusal.js';

export function ApprovalsPage({ me, canListUsers }: { me: Me; canListUsers: boolean }) {
  const approvals = useApprovals();
  const accounts = useAccounts();
  const users = useUsers(canListUsers);
  if (approvals.isPending) return <Loading what="posts waiting for approval" />;
  if (approvals.isError) return <ErrorNote error={approvals.error} />;
  const handle = new Map((accounts.data?.accounts ?? []).map((a) => [a.id, `@${a.handle} (${a.platform})`]));
  const names = new Map((users.data?.users ?? []).map((u) => [u.id, u.name]));
  const posts = approvals.data.posts;
  return (
    <>
      <h1>Approvals</h1>
      <p className="muted">
        {posts.length} post{posts.length === 1 ? '' : 's'} waiting, oldest first.
      </p>
      {posts.length === 0 ? (
        <Empty>Nothing is waiting for approval.</Empty>
      ) : (
        posts.map((p) => (
          <ApprovalCard
            key={p.id}
            post={p}
            me={me}
            account={handle.get(p.accountId) ?? p.accountId}
            author={p.authorId === me.user.id ? 'you' : (names.get(p.authorId) ?? 'a colleague')}
          />
        ))
      )}
    </>
  );
}

function ApprovalCard({
  post,
  me,
  account,
  author,
}: {
  post: ApprovalItem;
  me: Me;
  account: string;
  author: string;
}) {
  const [comment, setComment] = useState('');
  const action = usePostAction(post.id);
  const own = post.authorId === me.user.id;
  const decide = (kind: 'approve' | 'reject') =>
    action.mutate({
      action: kind,
      body: { revision: post.revision, ...(comment.trim() ? { comment: comment.trim() } : {}) },
    });
  const title = `Post by ${author} on ${account}`;
  return (
    <article className="panel approval" aria-label={title}>
      <h2>
        <Link href={`/posts/${post.id}`}>{title}</Link>
      </h2>
      <p className="muted">
        Submitted {formatTime(post.submittedAt)} · revision {post.revision}
        {post.scheduledAt ? ` · scheduled for ${formatTime(post.scheduledAt)}` : ''}
      </p>
      <p className="progress">
        {post.approvalsReceived} of {post.approvalsRequired} approval{post.approvalsRequired === 1 ? '' : 's'}
      </p>
      {post.checks.matches.length > 0 ? (
        <MatchList text={post.text} matches={post.checks.matches} />
      ) : (
        <>
          <p className="highlighted">{post.text}</p>
          <p className="muted">Outbound check: no dictionary matches.</p>
        </>
      )}
      {post.canApprove ? (
        <form className="decide" onSubmit={(e) => e.preventDefault()}>
          <label>
            Comment for the author (required to reject)
            <textarea
              rows={2}
              maxLength={2000}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
          </label>
          <div className="actions">
            <button type="button" disabled={action.isPending} onClick={() => decide('approve')}>
              Approve
            </button>
            <button
              type="button"
              className="danger"
              disabled={action.isPending || !comment.trim()}
              onClick={() => decide('reject')}
            >
              Reject
            </button>
          </div>
        </form>
      ) : (
        <p className="gate">
          {own
            ? 'You wrote this post, so you cannot approve it: another approver must (the maker never checks their own work).'
            : 'You have already approved this revision; a different approver must give the next approval.'}
        </p>
      )}
      {action.isError && <Refusal error={action.error} lead="Refused." />}
    </article>
  );
}
