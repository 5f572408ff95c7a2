// People and teams: roles, suspension (the kill switch for a person), invitations and the team tree.
import type { Team, User } from '../../api/types.js';
import { ReasonAction } from '../../components/reason-action.js';
import { ErrorNote, formatTime, Loading } from '../../components/status.js';
import type { Permissions } from '../session/hooks.js';
import { useSetUserSuspended, useTeams, useUsers } from './hooks.js';
import { InviteUserForm } from './invite-user-form.js';
import { TeamForm } from './team-form.js';

export function UsersPage({ can }: { can: Permissions }) {
  const users = useUsers(can.viewUsers);
  const teams = useTeams();
  const allTeams = teams.data?.teams ?? [];
  return (
    <>
      <h1>Users and teams</h1>
      {can.manageUsers && <InviteUserForm teams={allTeams} />}
      {users.isPending ? (
        <Loading what="users" />
      ) : users.isError ? (
        <ErrorNote error={users.error} />
      ) : (
        <UsersTable users={users.data.users} teams={allTeams} can={can} />
      )}
      <h2>Teams</h2>
      {teams.isPending ? (
        <Loading what="teams" />
      ) : teams.isError ? (
        <ErrorNote error={teams.error} />
      ) : (
        <TeamTree teams={allTeams} />
      )}
      {can.manageTeams && <TeamForm teams={allTeams} />}
    </>
  );
}

function UsersTable({ users, teams, can }: { users: User[]; teams: Team[]; can: Permissions }) {
  const suspend = useSetUserSuspended();
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  return (
    <table>
      <caption className="visually-hidden">Users</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Roles</th>
          <th scope="col">Team</th>
          <th scope="col">Two-factor</th>
          <th scope="col">Status</th>
          <th scope="col">Joined</th>
          {can.suspendUsers && <th scope="col">Actions</th>}
        </tr>
      </thead>
      <tbody>
        {users.map((u) => (
          <tr key={u.id}>
            <td>
              {u.name}
              <div className="muted">{u.email}</div>
            </td>
            <td>{u.roles.join(', ')}</td>
            <td>{u.teamId ? (teamName.get(u.teamId) ?? '—') : '—'}</td>
            <td>{u.mfaEnabled ? 'On' : 'Off'}</td>
            <td>
              <span className={`badge status-${u.status}`}>{u.status}</span>
              {u.statusReason ? <div className="muted">{u.statusReason}</div> : null}
            </td>
            <td>{formatTime(u.createdAt)}</td>
            {can.suspendUsers && (
              <td>
                <ReasonAction
                  label={u.status === 'suspended' ? 'Reinstate' : 'Suspend'}
                  describedAs={`${u.status === 'suspended' ? 'Reinstate' : 'Suspend'} ${u.name}`}
                  danger={u.status !== 'suspended'}
                  onConfirm={(reason) =>
                    suspend.mutateAsync({ id: u.id, suspend: u.status !== 'suspended', reason })
                  }
                />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TeamTree({ teams, parentId = null }: { teams: Team[]; parentId?: string | null }) {
  const children = teams.filter((t) => t.parentId === parentId);
  if (children.length === 0) return parentId === null ? <p className="empty">No teams yet.</p> : null;
  return (
    <ul className="tree">
      {children.map((t) => (
        <li key={t.id}>
          {t.name} <span className="muted">({t.kind})</span>
          <TeamTree teams={teams} parentId={t.id} />
        </li>
      ))}
    </ul>
  );
}
