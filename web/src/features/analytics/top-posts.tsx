// The posts with the most engagement, with each platform's metrics (likes, replies, reposts, views), and CSV.
import { Link } from 'wouter';
import { Empty, ErrorNote, formatTime, Loading } from '../../components/status.js';
import { CsvLink } from './csv-link.js';
import { analyticsUrl, type Period, type Scope, useTopPosts } from './hooks.js';

const short = (t: string) => (t.length > 90 ? `${t.slice(0, 89)}…` : t);

export function TopPosts({ period, scope }: { period: Period; scope: Scope }) {
  const top = useTopPosts(period, scope);
  return (
    <section className="panel" aria-labelledby="top-title">
      <h2 id="top-title">Top posts by engagement</h2>
      <CsvLink href={analyticsUrl('top-posts', period, scope, { limit: 100, format: 'csv' })}>
        Top posts with metrics (CSV)
      </CsvLink>
      {top.isPending ? (
        <Loading what="top posts" />
      ) : top.isError ? (
        <ErrorNote error={top.error} />
      ) : top.data.posts.length === 0 ? (
        <Empty>No measured posts in this period. Metrics are fetched from each platform on a schedule.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Post</th>
              <th scope="col">Published</th>
              <th scope="col">Likes</th>
              <th scope="col">Replies</th>
              <th scope="col">Reposts</th>
              <th scope="col">Views</th>
              <th scope="col">Total</th>
            </tr>
          </thead>
          <tbody>
            {top.data.posts.map((p) => (
              <tr key={p.postId}>
                <td>
                  <Link href={`/posts/${encodeURIComponent(p.postId)}`}>{short(p.text)}</Link>
                </td>
                <td>{formatTime(p.publishedAt)}</td>
                <td>{p.likes}</td>
                <td>{p.replies}</td>
                <td>{p.reposts}</td>
                <td>{p.views ?? '—'}</td>
                <td>{p.engagement}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
