// Place a legal hold: a name, the reason (audited) and what it covers (words, authors, dates; empty = everything).
import { useState } from 'react';
import type { LegalHold } from '../../api/types.js';
import { ErrorNote } from '../../components/status.js';
import { useAccounts } from '../accounts/hooks.js';
import { useCreateHold } from './hooks.js';

export function HoldForm() {
  const empty = { name: '', reason: '', query: '', authors: '', from: '', to: '' };
  const [f, setF] = useState(empty);
  const [accountIds, setAccountIds] = useState<string[]>([]);
  const accounts = useAccounts();
  const create = useCreateHold();
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const scope: LegalHold['scope'] = {};
    if (f.query.trim()) scope.query = f.query.trim();
    const authors = f.authors
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    if (authors.length) scope.authors = authors;
    if (accountIds.length) scope.accountIds = accountIds;
    if (f.from) scope.from = Date.parse(`${f.from}T00:00:00Z`);
    if (f.to) scope.to = Date.parse(`${f.to}T00:00:00Z`) + 86_400_000;
    create.mutate(
      { name: f.name, reason: f.reason, scope },
      {
        onSuccess: () => {
          setF(empty);
          setAccountIds([]);
        },
      },
    );
  };
  return (
    <form onSubmit={submit} aria-label="Place a legal hold" className="hold-form">
      <div className="filters">
        <label>
          Hold name
          <input required maxLength={200} value={f.name} onChange={set('name')} />
        </label>
        <label className="grow">
          Reason
          <input required maxLength={1000} value={f.reason} onChange={set('reason')} />
        </label>
      </div>
      <div className="filters">
        <label>
          Covering words
          <input maxLength={500} value={f.query} onChange={set('query')} />
        </label>
        <label>
          Authors (comma-separated)
          <input value={f.authors} onChange={set('authors')} />
        </label>
        <label>
          From
          <input type="date" value={f.from} onChange={set('from')} />
        </label>
        <label>
          To (inclusive)
          <input type="date" value={f.to} onChange={set('to')} />
        </label>
      </div>
      <fieldset>
        <legend>Accounts covered (none ticked: every account)</legend>
        {accounts.data?.accounts.length === 0 && <p className="empty">No accounts connected.</p>}
        {accounts.data?.accounts.map((a) => (
          <label className="check" key={a.id}>
            <input
              type="checkbox"
              checked={accountIds.includes(a.id)}
              onChange={(e) =>
                setAccountIds(e.target.checked ? [...accountIds, a.id] : accountIds.filter((x) => x !== a.id))
              }
            />
            {a.displayName && a.displayName !== a.handle
              ? `${a.displayName} (@${a.handle}, ${a.platform})`
              : `@${a.handle} (${a.platform})`}
          </label>
        ))}
      </fieldset>
      <div className="actions">
        <button type="submit" disabled={create.isPending}>
          Place hold
        </button>
      </div>
      {create.isError && <ErrorNote error={create.error} />}
      {create.isSuccess && (
        <p role="status" className="ok">
          Hold “{create.data.name}” placed.
        </p>
      )}
    </form>
  );
}
