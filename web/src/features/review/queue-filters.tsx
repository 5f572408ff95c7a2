// Filters of the review queue, with the counts per lane on the lane buttons.
import type { QueueResponse } from '../../api/types.js';
import { useAccounts, useTeams } from '../accounts/hooks.js';
import type { QueueFilters as Filters } from './hooks.js';

const STATUSES = ['queued', 'in_review', 'escalated', 'awaiting_signoff'];

export function QueueFilters({
  filters,
  counts,
  onChange,
}: {
  filters: Filters;
  counts: QueueResponse['counts'] | undefined;
  onChange(next: Filters): void;
}) {
  const accounts = useAccounts();
  const teams = useTeams();
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  const lanes: Array<[Filters['lane'], string, number | undefined]> = [
    ['all', 'All', counts?.total],
    ['safeguarding', 'Safeguarding', counts?.safeguarding],
    ['standard', 'Standard', counts?.standard],
  ];
  return (
    <div className="queue-filters">
      <fieldset className="lanes">
        <legend>Lane</legend>
        {lanes.map(([lane, label, count]) => (
          <button
            key={lane}
            type="button"
            className={`small ${filters.lane === lane ? '' : 'secondary'} ${lane === 'safeguarding' ? 'lane-sg' : ''}`}
            aria-pressed={filters.lane === lane}
            onClick={() => set({ lane })}
          >
            {label} <span className="count">{count ?? '…'}</span>
          </button>
        ))}
        {counts && counts.overdue > 0 && (
          <span className="sla-overdue">
            {counts.overdue} overdue
            {counts.overdueSafeguarding ? ` (${counts.overdueSafeguarding} safeguarding)` : ''}
          </span>
        )}
      </fieldset>
      <div className="filters">
        <label>
          Account
          <select
            value={filters.accountId ?? ''}
            onChange={(e) => set({ accountId: e.target.value || undefined })}
          >
            <option value="">All accounts</option>
            {accounts.data?.accounts.map((a) => (
              <option key={a.id} value={a.id}>
                @{a.handle} ({a.platform})
              </option>
            ))}
          </select>
        </label>
        <label>
          Team
          <select value={filters.teamId ?? ''} onChange={(e) => set({ teamId: e.target.value || undefined })}>
            <option value="">All teams</option>
            {teams.data?.teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Category
          <input
            value={filters.category ?? ''}
            maxLength={60}
            placeholder="e.g. welfare"
            onChange={(e) => set({ category: e.target.value.trim() || undefined })}
          />
        </label>
        <label>
          Status
          <select value={filters.status ?? ''} onChange={(e) => set({ status: e.target.value || undefined })}>
            <option value="">Any open status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
        </label>
        <label>
          Assigned to
          <select
            value={filters.assignedTo ?? ''}
            onChange={(e) => set({ assignedTo: e.target.value || undefined })}
          >
            <option value="">Anyone</option>
            <option value="me">Me</option>
            <option value="none">Nobody</option>
          </select>
        </label>
      </div>
    </div>
  );
}
