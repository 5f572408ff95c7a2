// Retention rules per kind and category: past them items are redacted daily, unless under a legal hold.
import { useEffect, useState } from 'react';
import type { RetentionRule } from '../../api/types.js';
import { Empty, ErrorNote, Loading } from '../../components/status.js';
import { usePutRetention, useRetention } from './hooks.js';

export function RetentionEditor({ canEdit }: { canEdit: boolean }) {
  const current = useRetention();
  const save = usePutRetention();
  const [rules, setRules] = useState<RetentionRule[]>([]);
  useEffect(() => {
    if (current.data) setRules(current.data.rules);
  }, [current.data]);
  if (current.isPending) return <Loading what="retention rules" />;
  if (current.isError) return <ErrorNote error={current.error} />;
  const edit = (i: number, patch: Partial<RetentionRule>) =>
    setRules(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <section className="panel">
      <h2>Retention rules</h2>
      <p className="muted">
        Days to keep each kind and category (“*” for any, “uncategorised” for none). Items older than their
        rule are redacted daily, unless a legal hold covers them.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(rules);
        }}
      >
        {rules.length === 0 && <Empty>No retention rules: everything is kept.</Empty>}
        <ul className="rules">
          {rules.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; the index is the identity
            <li key={i} className="filters">
              <label>
                Kind
                <select
                  value={r.kind}
                  disabled={!canEdit}
                  onChange={(e) => edit(i, { kind: e.target.value as RetentionRule['kind'] })}
                >
                  <option value="inbound">Received</option>
                  <option value="post">Our posts</option>
                </select>
              </label>
              <label>
                Category
                <input
                  value={r.category}
                  readOnly={!canEdit}
                  required
                  onChange={(e) => edit(i, { category: e.target.value })}
                />
              </label>
              <label>
                Days
                <input
                  type="number"
                  min={1}
                  max={36500}
                  required
                  readOnly={!canEdit}
                  value={r.days}
                  onChange={(e) => edit(i, { days: Number(e.target.value) })}
                />
              </label>
              {canEdit && (
                <button
                  type="button"
                  className="secondary small"
                  aria-label={`Remove the rule for ${r.kind} ${r.category}`}
                  onClick={() => setRules(rules.filter((_, j) => j !== i))}
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
        {canEdit && (
          <div className="actions">
            <button
              type="button"
              className="secondary"
              onClick={() => setRules([...rules, { kind: 'inbound', category: '', days: 365 }])}
            >
              Add a rule
            </button>
            <button type="submit" disabled={save.isPending}>
              Save retention rules
            </button>
          </div>
        )}
        {save.isError && <ErrorNote error={save.error} />}
        {save.isSuccess && (
          <p role="status" className="ok">
            Saved {save.data.rules.length} rule{save.data.rules.length === 1 ? '' : 's'}.
          </p>
        )}
      </form>
    </section>
  );
}
