// "Schedule a report": for the organisation or one team (with its sub-teams), weekly or monthly, to chosen
// people. The API validates; its refusal is shown beside the field it names.
import { useId, useState } from 'react';
import type { ReportSchedule, Team, User } from '../../api/types.js';
import { scheduleErrorOf } from './field-errors.js';
import { useCreateSchedule } from './hooks.js';
import { CadenceField, FieldError, RecipientsField } from './schedule-fields.js';

export function NewScheduleForm({
  teams,
  users,
  onDone,
}: {
  teams: Team[];
  users: User[];
  onDone(created: boolean): void;
}) {
  const [scope, setScope] = useState<ReportSchedule['scope']>('org');
  const [teamId, setTeamId] = useState('');
  const [cadence, setCadence] = useState<ReportSchedule['cadence']>('weekly');
  const [recipients, setRecipients] = useState<string[]>([]);
  const create = useCreateSchedule();
  const problem = scheduleErrorOf(create.error);
  const errorFor = (f: string) => (problem?.field === f ? problem.message : undefined);
  const teamErr = useId();
  const formErr = useId();
  return (
    <form
      aria-label="Schedule a report"
      className="panel"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate(
          { scope, teamId: scope === 'team' ? teamId || null : null, cadence, recipients },
          { onSuccess: () => onDone(true) },
        );
      }}
    >
      <h3>Schedule a report</h3>
      <div className="filters">
        <label>
          Report covers
          <select value={scope} onChange={(e) => setScope(e.target.value as ReportSchedule['scope'])}>
            <option value="org">The whole organisation</option>
            <option value="team">One team (with its sub-teams)</option>
          </select>
        </label>
        {scope === 'team' && (
          <label>
            Team
            <select
              value={teamId}
              onChange={(e) => setTeamId(e.target.value)}
              aria-invalid={errorFor('team') ? true : undefined}
              aria-describedby={errorFor('team') ? teamErr : undefined}
            >
              <option value="">Choose a team…</option>
              {teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <CadenceField value={cadence} onChange={setCadence} error={errorFor('cadence')} />
      </div>
      {/* Below the row, so the fields above stay aligned. */}
      <FieldError id={teamErr} message={errorFor('team')} />
      <RecipientsField
        users={users}
        value={recipients}
        onChange={setRecipients}
        error={errorFor('recipients')}
      />
      <FieldError id={formErr} message={errorFor('form')} />
      <div className="actions">
        <button type="submit" disabled={create.isPending}>
          Create schedule
        </button>
        <button type="button" className="secondary" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
