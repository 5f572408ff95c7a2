import { Empty, ErrorNote, Loading } from '../../components/status.js';
import { useTermStats } from './hooks.js';

const percent = (p: number | null): string => (p === null ? '—' : `${Math.round(p * 100)}%`);

/** Terms with activity first: a term reviewers keep overturning (low precision) is one to reword or drop. */
export function TermStatsTable({ id }: { id: string }) {
  const stats = useTermStats(id);
  if (stats.isPending) return <Loading what="term statistics" />;
  if (stats.isError) return <ErrorNote error={stats.error} />;
  const terms = [...stats.data.terms].sort((a, b) => b.matches - a.matches || a.term.localeCompare(b.term));
  if (terms.length === 0) return <Empty>No terms.</Empty>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Term</th>
          <th scope="col">Matches</th>
          <th scope="col">Confirmed by reviewers</th>
          <th scope="col">Overturned</th>
          <th scope="col">Precision</th>
        </tr>
      </thead>
      <tbody>
        {terms.map((t) => (
          <tr key={`${t.kind}:${t.term}`} className={t.inCurrentVersion ? '' : 'muted'}>
            <td>
              {t.term}
              {t.inCurrentVersion ? '' : ' (no longer in the dictionary)'}
            </td>
            <td>{t.matches}</td>
            <td>{t.decisionsConfirmed}</td>
            <td>{t.decisionsRejected}</td>
            <td>{percent(t.precision)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
