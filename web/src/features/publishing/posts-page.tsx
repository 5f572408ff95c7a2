// Posts the user may see, filterable by status, account and "mine"; each row opens the post.
import { useState } from 'react';
import { Link } from 'wouter';
import type { Me, PostStatus } from '../../api/types.js';
import { Empty, ErrorNote, formatTime, Loading } from '../../components/status.js';
import { useAccounts, useUsers } from '../accounts/hooks.js';
import { usePosts } from './hooks.js';
import { STATUS_LABEL, StatusBadge } from './status-label.js';

export function PostsPage({ me, canListUsers }: { me: Me; canListUsers: boolean }) {
  const [status, setStatus] = useState('');
  const [accountId, setAccountId] = useState('');
  const [mine, setMine] = useState(false);
  const posts = usePosts({ status, accountId, authorId: mine ? me.user.id : undefined });
  const accounts = useAccounts();
  const users = useUsers(canListUsers);
  const handle = new Map((accounts.data?.accounts ?? []).map((a) => [a.id, a.handle]));
  const name = new Map((users.data?.users ?? []).map((u) => [u.id, u.name]));
  name.set(me.user.id, `${me.user.name} (you)`);
  return (
    <>
      <h1>Posts</h1>
      <p>
        <Link href="/compose" className="button">
          Compose a post
        </Link>
      </p>
      <div className="filters">
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">Any status</option>
            {(Object.keys(STATUS_LABEL) as PostStatus[]).map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Account
          <select value={accountId} onChange={(e) => setAccountId(e.target.value)}>
            <option value="">All accounts</option>
            {(accounts.data?.accounts ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                @{a.handle} ({a.platform})
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} />
          Only mine
        </label>
      </div>
      {posts.isPending ? (
        <Loading what="posts" />
      ) : posts.isError ? (
        <ErrorNote error={posts.error} />
      ) : posts.data.posts.length === 0 ? (
        <Empty>No posts match these filters.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Post</th>
              <th scope="col">Account</th>
              <th scope="col">Author</th>
              <th scope="col">Status</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {posts.data.posts.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link href={`/posts/${p.id}`}>
                    {p.text.length > 90 ? `${p.text.slice(0, 90)}…` : p.text || '(no text)'}
                  </Link>
                  {p.kind === 'reply' && <span className="muted"> · reply</span>}
                </td>
                <td>@{handle.get(p.accountId) ?? p.accountId}</td>
                <td>{name.get(p.authorId) ?? 'a colleague'}</td>
                <td>
                  <StatusBadge status={p.status} />
                </td>
                <td>{formatTime(p.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
