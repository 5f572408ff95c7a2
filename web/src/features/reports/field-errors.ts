// Which field a refused schedule is about, from the API's machine-readable code, and words a person can act on.
import { ApiError } from '../../api/client.js';

export type ScheduleField = 'team' | 'recipients' | 'cadence' | 'form';

export function scheduleErrorOf(error: unknown): { field: ScheduleField; message: string } | null {
  if (!error) return null;
  if (!(error instanceof ApiError))
    return {
      field: 'form',
      message: 'Something went wrong. Try again, and tell your administrator if it persists.',
    };
  switch (error.code) {
    case 'team_required':
      return { field: 'team', message: 'Choose the team this report is about.' };
    case 'unknown_team':
    case 'team_not_allowed':
      return { field: 'team', message: error.message };
    case 'unknown_recipient':
      return { field: 'recipients', message: error.message };
    case 'validation_failed':
      // TypeBox names the JSON path: "body/recipients must NOT have fewer than 1 items".
      if (/\/recipients/.test(error.message))
        return { field: 'recipients', message: 'Choose at least one person to receive the report.' };
      if (/\/cadence/.test(error.message)) return { field: 'cadence', message: 'Choose weekly or monthly.' };
      return { field: 'form', message: error.message };
    default:
      return { field: 'form', message: error.message };
  }
}
