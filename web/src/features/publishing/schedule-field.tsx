// Scheduling: a local date and time in an IANA time zone (the browser's by default). The instant is worked
// out with the server's own parser, so what is shown here is what the server will store.
import { useId } from 'react';
import { parseSchedule } from '../../../../src/modules/publishing/compose-schedule.js';

export interface ScheduleValue {
  enabled: boolean;
  local: string;
  zone: string;
}

export const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;
const ZONES: string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC', 'Europe/London'];
  }
})();

/** The UTC instant of the schedule, or the reason it is not valid (as the server words it). */
export function resolveSchedule(v: ScheduleValue): { at: number | null; error: string | null } {
  if (!v.enabled || !v.local) return { at: null, error: null };
  try {
    return { at: parseSchedule({ scheduledAt: v.local, timeZone: v.zone }).scheduledAt, error: null };
  } catch (err) {
    return { at: null, error: err instanceof Error ? err.message : String(err) };
  }
}

const fmt = (at: number, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone }).format(at);

export function ScheduleField({
  value,
  onChange,
}: {
  value: ScheduleValue;
  onChange(v: ScheduleValue): void;
}) {
  const id = useId();
  const { at, error } = resolveSchedule(value);
  return (
    <fieldset>
      <legend>When</legend>
      <label className="check">
        <input
          type="checkbox"
          checked={value.enabled}
          onChange={(e) => onChange({ ...value, enabled: e.target.checked })}
        />
        Schedule for later (otherwise it is published as soon as it is cleared)
      </label>
      {value.enabled && (
        <div className="filters">
          <label>
            Date and time
            <input
              type="datetime-local"
              step={1}
              value={value.local}
              onChange={(e) => onChange({ ...value, local: e.target.value })}
              aria-describedby={`${id}-when`}
            />
          </label>
          <label>
            Time zone
            <input
              list={`${id}-zones`}
              value={value.zone}
              onChange={(e) => onChange({ ...value, zone: e.target.value })}
              aria-describedby={`${id}-when`}
            />
            <datalist id={`${id}-zones`}>
              {ZONES.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </label>
        </div>
      )}
      {value.enabled && (
        <p id={`${id}-when`} className={error ? 'error' : 'muted'} aria-live="polite">
          {error
            ? error
            : at !== null
              ? `Publishes at ${fmt(at, 'UTC')} UTC — ${fmt(at, value.zone)} in ${value.zone}${
                  value.zone === browserZone() ? '' : `, ${fmt(at, browserZone())} your time`
                }.`
              : 'Choose a date and time.'}
        </p>
      )}
    </fieldset>
  );
}
