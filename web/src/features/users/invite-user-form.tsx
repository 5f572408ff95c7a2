// Invite a person: they get a one-time link to choose their password (shown here to pass on).
import { useState } from 'react';
import { ROLES, type Role } from '../../../../src/modules/identity/roles.js';
import type { Team } from '../../api/types.js';
import { ErrorNote } from '../../components/status.js';
import { useInviteUser } from './hooks.js';

const ROLE_HELP: Record<Role, string> = {
  admin: 'settings, users, dictionaries',
  comms: 'accounts, grants, approvals',
  moderator: 'review queue',
  author: 'posts on granted accounts',
  auditor: 'read-only audit and archive',
};

export function InviteUserForm({ teams }: { teams: Team[] }) {
  const invite = useInviteUser();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<Role[]>(['author']);
  const [teamId, setTeamId] = useState('');
  return (
    <form
      className="panel"
      onSubmit={(e) => {
        e.preventDefault();
        invite.mutate(
          { email, name, roles, teamId: teamId || null },
          {
            onSuccess: () => {
              setEmail('');
              setName('');
            },
          },
        );
      }}
    >
      <h2>Invite someone</h2>
      <div className="filters">
        <label>
          Name
          <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          E-mail
          <input required type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Team
          <select value={teamId} onChange={(e) => setTeamId(e.target.value)}>
            <option value="">No team</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <fieldset>
        <legend>Roles</legend>
        {ROLES.map((role) => (
          <label key={role} className="check">
            <input
              type="checkbox"
              checked={roles.includes(role)}
              onChange={(e) =>
                setRoles(e.target.checked ? [...roles, role] : roles.filter((r) => r !== role))
              }
            />
            {role} <span className="muted">({ROLE_HELP[role]})</span>
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={invite.isPending || roles.length === 0}>
        Invite
      </button>
      {invite.isError && <ErrorNote error={invite.error} />}
      {invite.data && (
        <div role="status">
          <p>
            {invite.data.user.name} was added.{' '}
            {invite.data.inviteUrl ? 'Send them this one-time link to choose a password:' : ''}
          </p>
          {invite.data.inviteUrl && <code className="secret">{invite.data.inviteUrl}</code>}
        </div>
      )}
    </form>
  );
}
