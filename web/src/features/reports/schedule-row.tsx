// One report schedule: what it covers, how often, to whom; change cadence or recipients, build one now, or
// delete it (after a confirmation: the reports already built stay).
import { useState } from 'react';
import type { ReportSchedule, Team, User } from '../../api/types.js';
import { ErrorNote, formatTime } from '../../components/status.js';
import { scheduleErrorOf } from './field-errors.js';
import { useBuildNow, useDeleteSchedule, useUpdateSchedule } from './hooks.js';
import { CadenceField, FieldError, RecipientsField } from './schedule-fields.js';

export function describeSchedule(s: ReportSchedule, teams: Team[]): string {
  const what =
    s.scope === 'org' ? 'the whole organisation' : (teams.find((t) => t.id === s.teamId)?.name ?? 'a team');
  return `${s.cadence === 'weekly' ? 'Weekly' : 'Monthly'} report for ${what}`;
}

export function ScheduleRow({ s, teams, users }: { s: ReportSchedule; teams: Team[]; users: User[] }) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [cadence, setCadence] = useState(s.cadence);
  const [recipients, setRecipients] = useState(s.recipients);
  const update = useUpdateSchedule();
  const remove = useDeleteSchedule();
  const build = useBuildNow();
  const title = describeSchedule(s, teams);
  const names = s.recipients.map((id) => users.find((u) => u.id === id)?.name ?? 'a former user');
  const problem = scheduleErrorOf(update.error);
  const errorFor = (f: string) => (problem?.field === f ? problem.message : undefined);
  if (editing)
    return (
      <li>
        <form
          aria-label={`Change: ${title}`}
          onSubmit={(e) => {
            e.preventDefault();
            update.mutate(
              { id: s.id, patch: { cadence, recipients } },
              { onSuccess: () => setEditing(false) },
            );
          }}
        >
          <strong>{title}</strong>
          <p className="muted">To report on something else, create a new schedule and delete this one.</p>
          <CadenceField value={cadence} onChange={setCadence} error={errorFor('cadence')} />
          <RecipientsField
            users={users}
            value={recipients}
            onChange={setRecipients}
            error={errorFor('recipients')}
          />
          <FieldError id={`${s.id}-form-error`} message={errorFor('form')} />
          <div className="actions">
            <button type="submit" disabled={update.isPending}>
              Save changes
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setEditing(false);
                setCadence(s.cadence);
                setRecipients(s.recipients);
                update.reset();
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      </li>
    );
  return (
    <li>
      <strong>{title}</strong>
      <div className="muted">
        To {names.join(', ')} · since {formatTime(s.createdAt)}
      </div>
      {confirming ? (
        <div className="actions">
          <span role="alert">Stop sending this report? Reports already built stay.</span>
          <button
            type="button"
            className="danger small"
            onClick={() => remove.mutate(s.id)}
            disabled={remove.isPending}
          >
            Yes, delete the schedule
          </button>
          <button type="button" className="secondary small" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      ) : (
        <div className="actions">
          <button
            type="button"
            className="secondary small"
            onClick={() => setEditing(true)}
            aria-label={`Change ${title}`}
          >
            Change
          </button>
          <button
            type="button"
            className="secondary small"
            onClick={() => build.mutate(s)}
            disabled={build.isPending}
            aria-label={`Build one now: ${title}`}
          >
            Build one now
          </button>
          <button
            type="button"
            className="secondary small"
            onClick={() => setConfirming(true)}
            aria-label={`Delete ${title}`}
          >
            Delete
          </button>
        </div>
      )}
      {build.isSuccess && (
        <p role="status" className="ok">
          Built “{build.data.title}”: it is listed under Reports.
        </p>
      )}
      {build.isError && <ErrorNote error={build.error} />}
      {remove.isError && <ErrorNote error={remove.error} />}
    </li>
  );
}
