// People and teams: who has which roles, who is suspended, and the force → district → team tree.

import type { Team } from '../../api/types.js';
import { ErrorNote, formatTime, Loading } from '../../components/status.js';
import type { Permissions } from '../session/hooks.js';
import { useTeams, useUsers } from './hooks.js';

export function UsersPage({ can }: { can: Permissions }) {
  const users = useUsers(can.viewUsers);
  const teams = useTeams();
  const teamName = new Map((teams.data?.teams ?? []).map((t) => [t.id, t.name]));
  return (
    <>
      <h1>Users and teams</h1>
      {users.isPending ? (
        <Loading what="users" />
      ) : users.isError ? (
        <ErrorNote error={users.error} />
      ) : (
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
            </tr>
          </thead>
          <tbody>
            {users.data.users.map((u) => (
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
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Teams</h2>
      {teams.isPending ? (
        <Loading what="teams" />
      ) : teams.isError ? (
        <ErrorNote error={teams.error} />
      ) : (
        <TeamTree teams={teams.data.teams} />
      )}
    </>
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
