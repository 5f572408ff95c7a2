// Post statuses in words, and where a submitted post went.
import { Link } from 'wouter';
import type { Post } from '../../api/types.js';
import { formatTime } from '../../components/status.js';

export const STATUS_LABEL: Record<Post['status'], string> = {
  draft: 'Draft',
  pending_approval: 'Waiting for approval',
  rejected: 'Rejected',
  scheduled: 'Scheduled',
  publishing: 'Publishing',
  published: 'Published',
  failed: 'Failed',
  held: 'Held',
  deleted: 'Deleted',
  cancelled: 'Cancelled',
};

export function StatusBadge({ status }: { status: Post['status'] }) {
  return <span className={`badge post-${status}`}>{STATUS_LABEL[status]}</span>;
}

/** One sentence saying where the post is now and what happens next. */
export function whereItWent(post: Post): string {
  switch (post.status) {
    case 'draft':
      return 'Saved as a draft: nobody else sees it until you submit it.';
    case 'pending_approval':
      return `Waiting for approval (${post.approvalsRequired} approval${post.approvalsRequired === 1 ? '' : 's'} needed).`;
    case 'scheduled':
      return post.scheduledAt && post.scheduledAt > Date.now()
        ? `Scheduled for ${formatTime(post.scheduledAt)}${post.timeZone ? ` (${post.timeZone})` : ''}.`
        : 'Cleared: it is being published now.';
    case 'published':
      return `Published ${formatTime(post.publishedAt)}.`;
    case 'held':
      return `Held: ${post.holdReason ?? 'publishing is paused'}. It goes out when released.`;
    case 'failed':
      return `Publishing failed: ${post.lastError ?? 'see the post for details'}.`;
    default:
      return STATUS_LABEL[post.status];
  }
}

export function PostLinks({ post }: { post: Post }) {
  return (
    <>
      <Link href={`/posts/${post.id}`}>Open the post</Link>
      {post.url ? (
        <>
          {' · '}
          <a href={post.url} target="_blank" rel="noreferrer">
            See it on the platform
          </a>
        </>
      ) : null}
    </>
  );
}
