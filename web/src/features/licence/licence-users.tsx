// Everyone's licence to post, and (for comms and admins) recording a person's training with its expiry.
import { useState } from 'react';
import type { UserLicence } from '../../api/types.js';
import { ErrorNote, formatTime, Loading } from '../../components/status.js';
import { clearTraining, recordTraining, useLicenceMutation, useUserLicences } from './hooks.js';

export function LicenceUsers({ canManage }: { canManage: boolean }) {
  const users = useUserLicences(true);
  if (users.isPending) return <Loading what="everyone's licence status" />;
  if (users.isError) return <ErrorNote error={users.error} />;
  return (
    <section aria-labelledby="everyone">
      <h2 id="everyone">Everyone's licence to post</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">May post</th>
            <th scope="col">Agreement</th>
            <th scope="col">Training</th>
            {canManage && <th scope="col">Record training</th>}
          </tr>
        </thead>
        <tbody>
          {users.data.users.map((u) => (
            <tr key={u.userId}>
              <th scope="row">
                {u.name}
                <div className="muted">{u.email}</div>
              </th>
              <td>
                {u.canPost ? 'Yes' : <span className="error">No — {u.reason?.replaceAll('_', ' ')}</span>}
              </td>
              <td>
                {u.acceptedVersion === null ? 'not accepted' : `v${u.acceptedVersion}`}
                {u.currentVersion !== null && u.acceptedVersion !== u.currentVersion
                  ? ` (current v${u.currentVersion})`
                  : ''}
              </td>
              <td>{u.trainingExpiresAt ? `valid until ${formatTime(u.trainingExpiresAt)}` : '—'}</td>
              {canManage && (
                <td>
                  <TrainingForm user={u} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const today = () => new Date().toISOString().slice(0, 10);
const inAYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);

function TrainingForm({ user }: { user: UserLicence }) {
  const [completed, setCompleted] = useState(today);
  const [expires, setExpires] = useState(inAYear);
  const record = useLicenceMutation(recordTraining);
  const clear = useLicenceMutation(clearTraining);
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        record.mutate({
          userId: user.userId,
          completedAt: Date.parse(`${completed}T00:00:00Z`),
          expiresAt: Date.parse(`${expires}T23:59:59Z`),
        });
      }}
    >
      <label>
        Completed <span className="visually-hidden">by {user.name}</span>
        <input type="date" required value={completed} onChange={(e) => setCompleted(e.target.value)} />
      </label>
      <label>
        Expires <span className="visually-hidden">for {user.name}</span>
        <input type="date" required value={expires} onChange={(e) => setExpires(e.target.value)} />
      </label>
      <button type="submit" className="small" disabled={record.isPending}>
        Record <span className="visually-hidden">training for {user.name}</span>
      </button>
      {user.trainingCompletedAt && (
        <button type="button" className="secondary small" onClick={() => clear.mutate(user.userId)}>
          Remove <span className="visually-hidden">training record of {user.name}</span>
        </button>
      )}
      {record.isSuccess && <span role="status">Recorded.</span>}
      {(record.isError || clear.isError) && <ErrorNote error={record.error ?? clear.error} />}
    </form>
  );
}
