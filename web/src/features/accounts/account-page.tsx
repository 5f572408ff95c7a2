// One account: its state, who holds grants on it, and the suspend / reinstate kill switch.
import { useState } from 'react';
import { Link } from 'wouter';
import { ErrorNote, formatTime, Loading } from '../../components/status.js';
import { AccountModeration } from '../moderation/account-moderation.js';
import { AccountPublishing } from '../publishing/account-publishing.js';
import { publishingPermissionsOf } from '../publishing/permissions.js';
import type { Permissions } from '../session/hooks.js';
import { useMe } from '../session/hooks.js';
import { AccountPosts } from './account-posts.js';
import { GrantsEditor } from './grants-editor.js';
import { useAccount, useAccountGrants, useSetAccountSuspended, useUsers } from './hooks.js';
import { ReplaceCredentials } from './replace-credentials.js';
import { SandboxSideBySide } from './sandbox-side-by-side.js';

export function AccountPage({ id, can }: { id: string; can: Permissions }) {
  const account = useAccount(id);
  const grants = useAccountGrants(id, can.manageGrants || can.viewAllAccounts);
  const users = useUsers(can.viewUsers);
  const me = useMe();
  if (account.isPending) return <Loading what="the account" />;
  if (account.isError) return <ErrorNote error={account.error} />;
  const a = account.data;
  const nameOf = new Map((users.data?.users ?? []).map((u) => [u.id, u.name]));
  return (
    <>
      <p>
        <Link href="/accounts">← All accounts</Link>
      </p>
      <h1>
        {a.displayName || a.handle} <span className="muted">@{a.handle}</span>
      </h1>
      <dl className="facts">
        <dt>Platform</dt>
        <dd>{a.platform}</dd>
        <dt>Status</dt>
        <dd>
          {a.status}
          {a.statusReason ? ` — ${a.statusReason}` : ''}
        </dd>
        <dt>Credentials</dt>
        <dd>
          {a.hasCredentials ? `held in the vault; expire ${formatTime(a.credentialsExpiresAt)}` : 'none'}
        </dd>
        <dt>Labels</dt>
        <dd>{a.labels.length ? a.labels.join(', ') : '—'}</dd>
        <dt>Connected</dt>
        <dd>{formatTime(a.createdAt)}</dd>
      </dl>
      {can.manageAccounts && <SuspendControl id={id} suspended={a.status === 'suspended'} />}
      {can.manageAccounts && a.platform !== 'sandbox' && <ReplaceCredentials account={a} />}
      <h2>People with grants</h2>
      {grants.isPending ? (
        <Loading what="grants" />
      ) : grants.isError ? (
        <ErrorNote error={grants.error} />
      ) : can.manageGrants ? (
        <GrantsEditor accountId={id} grants={grants.data.grants} users={users.data?.users ?? []} />
      ) : grants.data.grants.length === 0 ? (
        <p className="empty">Nobody holds a grant on this account yet.</p>
      ) : (
        <ul className="plain">
          {grants.data.grants.map((g) => (
            <li key={g.userId}>
              {nameOf.get(g.userId) ?? g.userId}: {g.permissions.join(', ').replaceAll('_', ' ')}
            </li>
          ))}
        </ul>
      )}
      <AccountPosts accountId={id} />
      <AccountModeration accountId={id} />
      {a.platform === 'sandbox' && <SandboxSideBySide account={a} />}
      {me.data && <AccountPublishing account={a} can={publishingPermissionsOf(me.data)} />}
    </>
  );
}

function SuspendControl({ id, suspended }: { id: string; suspended: boolean }) {
  const [reason, setReason] = useState('');
  const mutation = useSetAccountSuspended(id);
  return (
    <form
      className="panel"
      onSubmit={(e) => {
        e.preventDefault();
        mutation.mutate({ suspend: !suspended, reason }, { onSuccess: () => setReason('') });
      }}
    >
      <h2>{suspended ? 'Reinstate this account' : 'Suspend this account'}</h2>
      <p className="muted">
        {suspended
          ? 'Posting and moderation resume once reinstated.'
          : 'Nobody can post or moderate through it until it is reinstated. The reason is audited.'}
      </p>
      <label>
        Reason
        <input required value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} />
      </label>
      <button type="submit" className={suspended ? '' : 'danger'} disabled={mutation.isPending}>
        {suspended ? 'Reinstate' : 'Suspend'}
      </button>
      {mutation.isError && <ErrorNote error={mutation.error} />}
      {mutation.isSuccess && <p role="status">{suspended ? 'Account suspended.' : 'Account reinstated.'}</p>}
    </form>
  );
}
