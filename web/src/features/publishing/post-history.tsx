// A post's revisions and its approval decisions (with comments), oldest first.
import type { PostDetail } from '../../api/types.js';
import { formatTime } from '../../components/status.js';

export function PostHistory({ post, nameOf }: { post: PostDetail; nameOf(id: string): string }) {
  return (
    <>
      <h2>Approvals</h2>
      {post.approvalsRequired > 0 && (
        <p>
          {approvalsOf(post)} of {post.approvalsRequired} approval{post.approvalsRequired === 1 ? '' : 's'}{' '}
          for revision {post.revision}.
        </p>
      )}
      {post.approvals.length === 0 ? (
        <p className="empty">No approval decisions yet.</p>
      ) : (
        <ol className="timeline">
          {post.approvals.map((a) => (
            <li key={a.id}>
              <strong>
                {a.decision === 'approved' ? 'Approved' : a.decision === 'rejected' ? 'Rejected' : a.decision}
              </strong>{' '}
              by {nameOf(a.approverId)} (revision {a.revision}, step {a.step}) · {formatTime(a.createdAt)}
              {a.comment && <blockquote className="quoted">{a.comment}</blockquote>}
            </li>
          ))}
        </ol>
      )}
      <h2>Revisions</h2>
      <ol className="timeline">
        {post.revisions.map((r) => (
          <li key={r.revision}>
            <strong>Revision {r.revision}</strong> by {nameOf(r.editedBy)} · {formatTime(r.createdAt)}
            <p className="highlighted">{r.text}</p>
          </li>
        ))}
      </ol>
    </>
  );
}

/** Approvals given to the current revision (earlier revisions' approvals no longer count). */
export const approvalsOf = (post: PostDetail): number =>
  post.approvals.filter((a) => a.revision === post.revision && a.decision === 'approved').length;
