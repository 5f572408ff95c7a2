import { useState } from 'react';
import type { TermStats } from '../../api/types.js';
import { Empty, ErrorNote, Loading } from '../../components/status.js';
import { useTermStats } from './hooks.js';

const percent = (p: number | null): string => (p === null ? '—' : `${Math.round(p * 100)}%`);

/** Terms with activity first: a term reviewers keep overturning (low precision) is one to reword or drop. */
export function TermStatsTable({ id }: { id: string }) {
  const stats = useTermStats(id);
  const [showAll, setShowAll] = useState(false);
  const [filter, setFilter] = useState('');
  if (stats.isPending) return <Loading what="term statistics" />;
  if (stats.isError) return <ErrorNote error={stats.error} />;
  const needle = filter.trim().toLowerCase();
  const terms = stats.data.terms
    .filter((t) => !needle || t.term.toLowerCase().includes(needle))
    .sort((a, b) => b.matches - a.matches || a.term.localeCompare(b.term));
  const shown = showAll ? terms : terms.slice(0, PAGE);
  return (
    <>
      <label className="inline-form">
        Find a term
        <input value={filter} onChange={(e) => setFilter(e.target.value)} />
      </label>
      {terms.length === 0 ? <Empty>No terms match.</Empty> : <TermTable terms={shown} />}
      {terms.length > PAGE && (
        <button type="button" className="secondary small" onClick={() => setShowAll(!showAll)}>
          {showAll ? `Show the first ${PAGE}` : `Show all ${terms.length} terms`}
        </button>
      )}
    </>
  );
}

const PAGE = 15;

function TermTable({ terms }: { terms: TermStats['terms'] }) {
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
