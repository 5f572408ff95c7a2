// All accounts the user may see, filterable; each row drills down to its account page.
import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import { Empty, ErrorNote, formatTime, Loading } from '../../components/status.js';
import type { Permissions } from '../session/hooks.js';
import { ConnectAccount } from './connect-account.js';
import { useAccounts, useTeams } from './hooks.js';

const STATUS_LABEL: Record<string, string> = {
  active: 'Active',
  suspended: 'Suspended',
  credentials_expired: 'Needs reconnecting',
  locked: 'Locked',
};

export function AccountsPage({ can }: { can: Permissions }) {
  const accounts = useAccounts();
  const teams = useTeams();
  const [filter, setFilter] = useState('');
  const [platform, setPlatform] = useState('');
  const teamName = useMemo(() => new Map((teams.data?.teams ?? []).map((t) => [t.id, t.name])), [teams.data]);
  if (accounts.isPending) return <Loading what="accounts" />;
  if (accounts.isError) return <ErrorNote error={accounts.error} />;
  const needle = filter.trim().toLowerCase();
  const rows = accounts.data.accounts.filter(
    (a) =>
      (!platform || a.platform === platform) &&
      (!needle || `${a.handle} ${a.displayName} ${a.labels.join(' ')}`.toLowerCase().includes(needle)),
  );
  const platforms = [...new Set(accounts.data.accounts.map((a) => a.platform))].sort();
  return (
    <>
      <h1>Accounts</h1>
      <p className="muted">
        {accounts.data.accounts.length} account{accounts.data.accounts.length === 1 ? '' : 's'}
        {can.viewAllAccounts ? ' in your organisation' : ' you hold a grant on'}.
      </p>
      <div className="filters">
        <label>
          Search
          <input
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder="Handle, name or label"
          />
        </label>
        <label>
          Platform
          <select value={platform} onChange={(e) => setPlatform(e.target.value)}>
            <option value="">All platforms</option>
            {platforms.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
      </div>
      {rows.length === 0 ? (
        <Empty>No accounts match. {can.manageAccounts ? 'Connect one with the form below.' : ''}</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Platform</th>
              <th scope="col">Team</th>
              <th scope="col">Status</th>
              <th scope="col">Credentials expire</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link href={`/accounts/${a.id}`}>{a.displayName || a.handle}</Link>
                  <div className="muted">@{a.handle}</div>
                </td>
                <td>{a.platform}</td>
                <td>{a.ownerTeamId ? (teamName.get(a.ownerTeamId) ?? '—') : '—'}</td>
                <td>
                  <span className={`badge status-${a.status}`}>{STATUS_LABEL[a.status] ?? a.status}</span>
                </td>
                <td>{formatTime(a.credentialsExpiresAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {can.manageAccounts && <ConnectAccount />}
    </>
  );
}
