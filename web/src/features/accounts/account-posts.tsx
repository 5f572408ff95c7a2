// Drill-down from an account to what was posted on it through Parapet, newest first.
import { Link } from 'wouter';
import { Empty, ErrorNote, formatTime, Loading } from '../../components/status.js';
import { usePosts } from '../publishing/hooks.js';
import { StatusBadge } from '../publishing/status-label.js';

const SHOWN = 10;

export function AccountPosts({ accountId }: { accountId: string }) {
  const posts = usePosts({ accountId });
  return (
    <section aria-labelledby="account-posts">
      <h2 id="account-posts">Posts</h2>
      {posts.isPending ? (
        <Loading what="posts" />
      ) : posts.isError ? (
        <ErrorNote error={posts.error} />
      ) : posts.data.posts.length === 0 ? (
        <Empty>Nothing has been posted on this account through Parapet yet.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Post</th>
              <th scope="col">Status</th>
              <th scope="col">When</th>
            </tr>
          </thead>
          <tbody>
            {posts.data.posts.slice(0, SHOWN).map((p) => (
              <tr key={p.id}>
                <td>
                  <Link href={`/posts/${p.id}`}>
                    {p.text.length > 90 ? `${p.text.slice(0, 90)}…` : p.text}
                  </Link>
                </td>
                <td>
                  <StatusBadge status={p.status} />
                </td>
                <td>{formatTime(p.publishedAt ?? p.scheduledAt ?? p.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(posts.data?.posts.length ?? 0) > SHOWN && (
        <p>
          <Link href="/posts">All posts</Link> (filter by this account there)
        </p>
      )}
    </section>
  );
}
