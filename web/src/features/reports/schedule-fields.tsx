// The parts of a schedule form shared by "new" and "edit": how often, and who receives it (people of the
// organisation, ticked by name). Errors arrive from the API by code and are shown beside their field.
import { useId } from 'react';
import type { ReportSchedule, User } from '../../api/types.js';

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p className="error" id={id} role="alert">
      {message}
    </p>
  ) : null;
}

export function CadenceField({
  value,
  onChange,
  error,
}: {
  value: ReportSchedule['cadence'];
  onChange(v: ReportSchedule['cadence']): void;
  error?: string;
}) {
  const errId = useId();
  return (
    <label>
      How often
      <select
        value={value}
        onChange={(e) => onChange(e.target.value as ReportSchedule['cadence'])}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errId : undefined}
      >
        <option value="weekly">Weekly (each week, Monday to Sunday)</option>
        <option value="monthly">Monthly (each calendar month)</option>
      </select>
      <FieldError id={errId} message={error} />
    </label>
  );
}

export function RecipientsField({
  users,
  value,
  onChange,
  error,
  legend = 'Who receives it by e-mail',
}: {
  users: User[];
  value: string[];
  onChange(ids: string[]): void;
  error?: string;
  legend?: string;
}) {
  const errId = useId();
  const active = users.filter((u) => u.status === 'active' || value.includes(u.id));
  return (
    <fieldset aria-describedby={error ? errId : undefined}>
      <legend>{legend}</legend>
      {active.length === 0 && <p className="empty">There is nobody to choose yet: invite people first.</p>}
      {active.map((u) => (
        <label className="check" key={u.id}>
          <input
            type="checkbox"
            checked={value.includes(u.id)}
            onChange={(e) =>
              onChange(e.target.checked ? [...value, u.id] : value.filter((id) => id !== u.id))
            }
          />
          {u.name} <span className="muted">({u.email})</span>
        </label>
      ))}
      <FieldError id={errId} message={error} />
    </fieldset>
  );
}
