// Report periods in UTC: weekly = Monday 00:00 to the next Monday; monthly = the calendar month.
const DAY = 86_400_000;

/** The last period that has fully ended at `now`. */
export function lastCompletePeriod(cadence: 'weekly' | 'monthly', now: number): { from: number; to: number } {
  if (cadence === 'weekly') {
    const today = Math.floor(now / DAY) * DAY;
    const monday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY;
    return { from: monday - 7 * DAY, to: monday };
  }
  const d = new Date(now);
  return {
    from: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1),
    to: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1),
  };
}
