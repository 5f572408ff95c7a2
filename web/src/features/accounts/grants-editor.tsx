// Who may do what on one account. Each row saves on its own; every change is audited with before and after.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ACCOUNT_PERMISSIONS, type AccountPermission } from '../../../../src/modules/identity/policy.js';
import { api } from '../../api/client.js';
import type { Grant, User } from '../../api/types.js';
import { ErrorNote } from '../../components/status.js';

const LABEL: Record<AccountPermission, string> = {
  view: 'View',
  reply: 'Reply',
  publish_with_approval: 'Post with approval',
  publish_directly: 'Post directly',
  moderate: 'Moderate',
};

export function GrantsEditor({
  accountId,
  grants,
  users,
}: {
  accountId: string;
  grants: Grant[];
  users: User[];
}) {
  const [adding, setAdding] = useState('');
  const holders = new Set(grants.map((g) => g.userId));
  const candidates = users.filter((u) => !holders.has(u.id) && u.status === 'active');
  const byId = new Map(users.map((u) => [u.id, u]));
  const rows: Grant[] = adding
    ? [...grants, { accountId, userId: adding, permissions: ['view'], createdAt: 0, updatedAt: 0 }]
    : grants;
  return (
    <>
      <table>
        <thead>
          <tr>
            <th scope="col">Person</th>
            {ACCOUNT_PERMISSIONS.map((p) => (
              <th scope="col" key={p}>
                {LABEL[p]}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((g) => (
            <GrantRow
              key={g.userId}
              accountId={accountId}
              grant={g}
              name={byId.get(g.userId)?.name ?? g.userId}
              onDone={() => setAdding('')}
            />
          ))}
        </tbody>
      </table>
      {candidates.length > 0 && !adding && (
        <label className="inline-form">
          Give someone access
          <select value="" onChange={(e) => setAdding(e.target.value)}>
            <option value="">Choose a person…</option>
            {candidates.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.roles.join(', ')})
              </option>
            ))}
          </select>
        </label>
      )}
    </>
  );
}

function GrantRow({
  accountId,
  grant,
  name,
  onDone,
}: {
  accountId: string;
  grant: Grant;
  name: string;
  onDone(): void;
}) {
  const client = useQueryClient();
  const [perms, setPerms] = useState<AccountPermission[]>(grant.permissions);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const changed = grant.createdAt === 0 || perms.join() !== grant.permissions.join();
  const save = async (remove: boolean) => {
    setError(null);
    try {
      const url = `/api/v1/accounts/${accountId}/grants/${grant.userId}`;
      if (remove) await api('DELETE', url);
      else await api('PUT', url, { permissions: perms });
      setSaved(true);
      await client.invalidateQueries({ queryKey: ['accounts', accountId, 'grants'] });
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <tr>
      <th scope="row">{name}</th>
      {ACCOUNT_PERMISSIONS.map((p) => (
        <td key={p}>
          <input
            type="checkbox"
            aria-label={`${name}: ${LABEL[p]}`}
            checked={perms.includes(p)}
            onChange={(e) => {
              setSaved(false);
              setPerms(e.target.checked ? [...perms, p] : perms.filter((x) => x !== p));
            }}
          />
        </td>
      ))}
      <td>
        <button type="button" className="small" disabled={!changed} onClick={() => save(false)}>
          Save
        </button>{' '}
        {grant.createdAt !== 0 && (
          <button type="button" className="secondary small" onClick={() => save(true)}>
            Remove
          </button>
        )}
        {saved && <span role="status"> Saved.</span>}
        {error ? <ErrorNote error={error} /> : null}
      </td>
    </tr>
  );
}
