// Background work: how much is waiting, and the jobs that gave up (dead-lettered), which an admin can rerun.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get } from '../../api/client.js';
import type { Job } from '../../api/types.js';
import { Empty, ErrorNote, formatTime, Loading } from '../../components/status.js';

export function JobsPage() {
  const client = useQueryClient();
  const jobs = useQuery({
    queryKey: ['jobs', 'dead'],
    queryFn: () => get<{ jobs: Job[]; counts: Record<string, number> }>('/api/v1/jobs?status=dead'),
    refetchInterval: 10_000,
  });
  const retry = useMutation({
    mutationFn: (id: string) => api('POST', `/api/v1/jobs/${id}/retry`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['jobs'] }),
  });
  if (jobs.isPending) return <Loading what="jobs" />;
  if (jobs.isError) return <ErrorNote error={jobs.error} />;
  const { counts } = jobs.data;
  return (
    <>
      <h1>Background jobs</h1>
      <ul className="tiles" aria-label="Jobs by state">
        {['pending', 'running', 'done', 'dead'].map((s) => (
          <li key={s} className={s === 'dead' && counts[s] ? 'warn' : ''}>
            <strong>{counts[s] ?? 0}</strong> {s}
          </li>
        ))}
      </ul>
      <h2>Gave up</h2>
      {retry.isError && <ErrorNote error={retry.error} />}
      {jobs.data.jobs.length === 0 ? (
        <Empty>No job has given up.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last error</th>
              <th scope="col">Last tried</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {jobs.data.jobs.map((j) => (
              <tr key={j.id}>
                <td>
                  <code>{j.type}</code>
                </td>
                <td>
                  {j.attempts} of {j.maxAttempts}
                </td>
                <td className="details">{j.lastError ?? '—'}</td>
                <td>{formatTime(j.updatedAt)}</td>
                <td>
                  <button
                    type="button"
                    className="small"
                    onClick={() => retry.mutate(j.id)}
                    disabled={retry.isPending}
                  >
                    Run again
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
