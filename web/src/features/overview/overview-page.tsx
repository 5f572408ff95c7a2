// The first screen: the state of every account at a glance, and where attention is needed.
import { Link } from 'wouter';
import { ErrorNote, Loading } from '../../components/status.js';
import { useAccounts } from '../accounts/hooks.js';

export function OverviewPage() {
  const accounts = useAccounts();
  if (accounts.isPending) return <Loading what="the overview" />;
  if (accounts.isError) return <ErrorNote error={accounts.error} />;
  const all = accounts.data.accounts;
  const count = (status: string) => all.filter((a) => a.status === status).length;
  const attention = all.filter((a) => a.status !== 'active');
  const perPlatform = new Map<string, number>();
  for (const a of all) perPlatform.set(a.platform, (perPlatform.get(a.platform) ?? 0) + 1);
  const byPlatform = [...perPlatform].sort((a, b) => b[1] - a[1]);
  return (
    <>
      <h1>Overview</h1>
      <ul className="tiles" aria-label="Accounts by status">
        <li>
          <strong>{all.length}</strong> accounts
        </li>
        <li>
          <strong>{count('active')}</strong> active
        </li>
        <li className={count('credentials_expired') ? 'warn' : ''}>
          <strong>{count('credentials_expired')}</strong> need reconnecting
        </li>
        <li className={count('suspended') + count('locked') ? 'warn' : ''}>
          <strong>{count('suspended') + count('locked')}</strong> suspended or locked
        </li>
      </ul>
      <h2>By platform</h2>
      <ul className="plain">
        {byPlatform.map(([platform, n]) => (
          <li key={platform}>
            {platform}: {n}
          </li>
        ))}
      </ul>
      <h2>Needs attention</h2>
      {attention.length === 0 ? (
        <p className="empty">Every account is active.</p>
      ) : (
        <ul className="plain">
          {attention.map((a) => (
            <li key={a.id}>
              <Link href={`/accounts/${a.id}`}>@{a.handle}</Link> ({a.platform}):{' '}
              {a.status.replaceAll('_', ' ')}
              {a.statusReason ? ` — ${a.statusReason}` : ''}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
