// The archive's search box and filters. Filters apply on submit, so typing does not fire a search per key.
import { useState } from 'react';
import type { ArchiveFilters } from '../../api/types.js';
import { useAccounts, useTeams, useUsers } from '../accounts/hooks.js';
import { permissionsOf, useMe } from '../session/hooks.js';

// Post statuses and inbound (moderation) statuses most asked about in FOI requests.
const STATUSES = [
  'published',
  'deleted',
  'hidden',
  'auto_hidden',
  'author_blocked',
  'restored',
  'allowed',
  'queued',
  'clear',
];

const dayStart = (s: string) => (s ? Date.parse(`${s}T00:00:00Z`) : undefined);
const nextDay = (s: string) => (s ? Date.parse(`${s}T00:00:00Z`) + 86_400_000 : undefined);

export function SearchFilters({
  kinds,
  onSearch,
}: {
  kinds: ('post' | 'inbound')[];
  onSearch(filters: ArchiveFilters): void;
}) {
  const accounts = useAccounts();
  const teams = useTeams();
  const me = useMe();
  const canListUsers = me.data ? permissionsOf(me.data).viewUsers : false;
  const officers = useUsers(canListUsers && kinds.includes('post'));
  const [f, setF] = useState({
    q: '',
    kind: '',
    accountId: '',
    teamId: '',
    author: '',
    officer: '',
    category: '',
    status: '',
    from: '',
    to: '',
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value });
  return (
    <form
      className="panel archive-search"
      aria-label="Search the archive"
      onSubmit={(e) => {
        e.preventDefault();
        onSearch({
          q: f.q.trim() || undefined,
          kind: (f.kind || undefined) as ArchiveFilters['kind'],
          accountId: f.accountId || undefined,
          teamId: f.teamId || undefined,
          // The API takes one author: an officer (our posts) or a public handle (received items).
          author: f.officer || f.author.trim() || undefined,
          category: f.category.trim() || undefined,
          status: f.status || undefined,
          from: dayStart(f.from),
          to: nextDay(f.to),
        });
      }}
    >
      <label className="wide">
        Words (all must appear, in any revision)
        <input type="search" value={f.q} onChange={set('q')} maxLength={500} />
      </label>
      <div className="filters">
        {kinds.length > 1 && (
          <label>
            Kind
            <select value={f.kind} onChange={set('kind')}>
              <option value="">Posts and received items</option>
              <option value="post">Our posts</option>
              <option value="inbound">Received (replies, mentions)</option>
            </select>
          </label>
        )}
        <label>
          Account
          <select value={f.accountId} onChange={set('accountId')}>
            <option value="">Any account</option>
            {accounts.data?.accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.displayName || a.handle} ({a.platform})
              </option>
            ))}
          </select>
        </label>
        <label>
          Team (accounts it owns)
          <select value={f.teamId} onChange={set('teamId')}>
            <option value="">Any team</option>
            {teams.data?.teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        {officers.data && (
          <label>
            Officer (our posts)
            <select value={f.officer} onChange={set('officer')}>
              <option value="">Any officer</option>
              {officers.data.users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {officers.data ? 'Public author (handle)' : 'Author (handle or officer id)'}
          <input
            value={f.author}
            onChange={set('author')}
            maxLength={300}
            disabled={f.officer !== ''}
            placeholder={f.officer ? 'an officer is chosen' : 'e.g. angry.example'}
          />
        </label>
        <label>
          Category
          <input value={f.category} onChange={set('category')} maxLength={60} placeholder="e.g. abuse" />
        </label>
        <label>
          Status
          <select value={f.status} onChange={set('status')}>
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" value={f.from} onChange={set('from')} />
        </label>
        <label>
          To (inclusive)
          <input type="date" value={f.to} onChange={set('to')} />
        </label>
        <button type="submit">Search</button>
      </div>
    </form>
  );
}
