// Whose figures (whole organisation, a team with its sub-teams, an account or an officer) and for which period
// (a preset or chosen dates). The API judges both: a refused period or scope comes back as a coded error,
// shown beside the field it is about (see scopeErrorOf).
import { useId } from 'react';
import { ApiError } from '../../api/client.js';
import type { Me } from '../../api/types.js';
import { useAccounts, useTeams, useUsers } from '../accounts/hooks.js';
import type { Period, Scope } from './hooks.js';

export type ScopeKind = 'org' | 'team' | 'account' | 'officer';
export interface ScopeChoice {
  kind: ScopeKind;
  id: string;
}
export interface PeriodChoice {
  /** Days back from the end of today, or "custom" for the dates below (YYYY-MM-DD, "to" inclusive). */
  preset: number | 'custom';
  from: string;
  to: string;
}

const DAY = 86_400_000;
const bucketFor = (span: number): Period['bucket'] =>
  span > 120 * DAY ? 'month' : span > 31 * DAY ? 'week' : 'day';

/** null while a chosen date is still missing; an end before the start is the API's to refuse (bad_period). */
export function periodOf(c: PeriodChoice): Period | null {
  if (c.preset === 'custom') {
    const from = Date.parse(`${c.from}T00:00:00Z`);
    const to = Date.parse(`${c.to}T00:00:00Z`) + DAY;
    if (Number.isNaN(from) || Number.isNaN(to)) return null;
    return { from, to, bucket: bucketFor(to - from) };
  }
  const to = Math.ceil(Date.now() / DAY) * DAY; // end of today, UTC: stable query keys within a day
  const from = to - c.preset * DAY;
  return { from, to, bucket: bucketFor(to - from) };
}

export const scopeOf = (c: ScopeChoice): Scope =>
  !c.id || c.kind === 'org'
    ? {}
    : c.kind === 'team'
      ? { teamId: c.id }
      : c.kind === 'account'
        ? { accountId: c.id }
        : { authorId: c.id };

/** API codes that are about the chosen period or scope rather than one panel. */
const PERIOD_CODES = ['bad_period', 'period_too_long', 'validation_failed'];
export function scopeErrorOf(errors: unknown[]): { field: 'period' | 'scope'; error: ApiError } | null {
  for (const e of errors) {
    if (!(e instanceof ApiError)) continue;
    if (PERIOD_CODES.includes(e.code)) return { field: 'period', error: e };
    if (e.status === 403 || e.status === 404) return { field: 'scope', error: e };
  }
  return null;
}

interface Props {
  me: Me;
  canListUsers: boolean;
  scope: ScopeChoice;
  period: PeriodChoice;
  onScope(s: ScopeChoice): void;
  onPeriod(p: PeriodChoice): void;
  problem: ReturnType<typeof scopeErrorOf>;
}

export function ScopePicker({ me, canListUsers, scope, period, onScope, onPeriod, problem }: Props) {
  const teams = useTeams();
  const accounts = useAccounts();
  const users = useUsers(canListUsers);
  const errorId = useId();
  const officers = canListUsers ? (users.data?.users ?? []) : [me.user];
  const options: Record<Exclude<ScopeKind, 'org'>, { id: string; name: string }[]> = {
    team: (teams.data?.teams ?? []).map((t) => ({ id: t.id, name: t.name })),
    account: (accounts.data?.accounts ?? []).map((a) => ({
      id: a.id,
      name: `${a.displayName || a.handle} (${a.platform})`,
    })),
    officer: officers.map((u) => ({ id: u.id, name: u.name })),
  };
  const invalid = (field: 'period' | 'scope') =>
    problem?.field === field ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};
  const pick = (kind: ScopeKind) => onScope({ kind, id: kind === 'org' ? '' : (options[kind][0]?.id ?? '') });
  return (
    <form className="panel filters" aria-label="Scope and period" onSubmit={(e) => e.preventDefault()}>
      <label>
        Figures for
        <select value={scope.kind} onChange={(e) => pick(e.target.value as ScopeKind)} {...invalid('scope')}>
          <option value="org">The whole organisation</option>
          <option value="team">A team (with its sub-teams)</option>
          <option value="account">An account</option>
          <option value="officer">An officer</option>
        </select>
      </label>
      {scope.kind !== 'org' && (
        <label>
          {{ team: 'Team', account: 'Account', officer: 'Officer' }[scope.kind]}
          <select
            value={scope.id}
            onChange={(e) => onScope({ ...scope, id: e.target.value })}
            {...invalid('scope')}
          >
            {options[scope.kind].length === 0 && <option value="">None to choose from</option>}
            {options[scope.kind].map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Period
        <select
          value={String(period.preset)}
          onChange={(e) => {
            const v = e.target.value;
            if (v !== 'custom') return onPeriod({ ...period, preset: Number(v) });
            // Start the custom range from what was on screen, so nothing jumps.
            const p = periodOf(period) ?? periodOf({ ...period, preset: 30 })!;
            const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
            onPeriod({ preset: 'custom', from: iso(p.from), to: iso(p.to - DAY) });
          }}
        >
          <option value="7">Last 7 days</option>
          <option value="30">Last 30 days</option>
          <option value="90">Last 90 days</option>
          <option value="365">Last 12 months</option>
          <option value="custom">Choose dates…</option>
        </select>
      </label>
      {period.preset === 'custom' && (
        <>
          <label>
            From
            <input
              type="date"
              value={period.from}
              onChange={(e) => onPeriod({ ...period, from: e.target.value })}
              {...invalid('period')}
            />
          </label>
          <label>
            To (inclusive)
            <input
              type="date"
              value={period.to}
              onChange={(e) => onPeriod({ ...period, to: e.target.value })}
              {...invalid('period')}
            />
          </label>
        </>
      )}
      {problem && (
        <p className="error" role="alert" id={errorId}>
          {problem.error.code === 'bad_period'
            ? 'Choose a start date before the end date.'
            : problem.error.message}
        </p>
      )}
    </form>
  );
}
