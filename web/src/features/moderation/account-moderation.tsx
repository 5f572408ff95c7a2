// An account's moderation history: its latest inbound items with their status, each linking to the item.
import { Link } from 'wouter';
import { Empty, ErrorNote, formatTime, Loading } from '../../components/status.js';
import { useAccountInbound } from './hooks.js';

export function AccountModeration({ accountId }: { accountId: string }) {
  const items = useAccountInbound(accountId);
  return (
    <section aria-labelledby="account-moderation">
      <h2 id="account-moderation">Moderation history</h2>
      {items.isPending ? (
        <Loading what="inbound messages" />
      ) : items.isError ? (
        <ErrorNote error={items.error} />
      ) : items.data.items.length === 0 ? (
        <Empty>No replies or comments received on this account yet.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">From</th>
              <th scope="col">Message</th>
              <th scope="col">Categories</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {items.data.items.map((i) => (
              <tr key={i.id}>
                <td>{formatTime(i.receivedAt)}</td>
                <td>@{i.author.handle}</td>
                <td>
                  <Link href={`/inbound/${i.id}`}>
                    {i.text.length > 80 ? `${i.text.slice(0, 79)}…` : i.text}
                  </Link>
                </td>
                <td>{i.categories.join(', ') || '—'}</td>
                <td>
                  <span className={`badge status-${i.status}`}>{i.status.replaceAll('_', ' ')}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
