import { ErrorNote, Loading } from '../../components/status.js';
import { useDiff } from './hooks.js';

const Changes = ({ label, added, removed }: { label: string; added: string[]; removed: string[] }) =>
  added.length + removed.length === 0 ? null : (
    <div>
      <h4>{label}</h4>
      <ul className="diff">
        {added.map((t) => (
          <li key={`+${t}`} className="added">
            <span className="visually-hidden">added: </span>+ {t}
          </li>
        ))}
        {removed.map((t) => (
          <li key={`-${t}`} className="removed">
            <span className="visually-hidden">removed: </span>− {t}
          </li>
        ))}
      </ul>
    </div>
  );

export function DiffView({ id, from, to }: { id: string; from: number; to: number }) {
  const diff = useDiff(id, from, to);
  if (diff.isPending) return <Loading what="the comparison" />;
  if (diff.isError) return <ErrorNote error={diff.error} />;
  const d = diff.data;
  return (
    <section className="panel" aria-label={`Changes from version ${from} to ${to}`}>
      <h3>
        From v{from} to v{to}
      </h3>
      {d.fields.map((f) => (
        <p key={f.field}>
          {f.field}: {f.from ?? '—'} → {f.to ?? '—'}
        </p>
      ))}
      <Changes label="Terms" added={d.terms.added} removed={d.terms.removed} />
      <Changes label="Exceptions" added={d.exceptions.added} removed={d.exceptions.removed} />
      <Changes label="Must match" added={d.tests.mustMatch.added} removed={d.tests.mustMatch.removed} />
      <Changes
        label="Must not match"
        added={d.tests.mustNotMatch.added}
        removed={d.tests.mustNotMatch.removed}
      />
    </section>
  );
}
