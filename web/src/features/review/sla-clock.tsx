// Time left before an item's SLA runs out (or how long it is overdue), ticking every few seconds.
import { useEffect, useState } from 'react';

export function useNow(everyMs = 5_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return `${Math.floor(Math.abs(ms) / 1000)} s`;
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ${minutes % 60} min` : `${Math.floor(hours / 24)} days`;
}

export function SlaClock({ dueAt }: { dueAt: number }) {
  const now = useNow();
  const left = dueAt - now;
  const overdue = left < 0;
  const soon = !overdue && left < 10 * 60_000;
  return (
    <span
      className={`sla ${overdue ? 'sla-overdue' : soon ? 'sla-soon' : ''}`}
      title={`Due ${new Date(dueAt).toLocaleString('en-GB')}`}
    >
      {overdue ? `Overdue by ${formatDuration(left)}` : `${formatDuration(left)} left`}
    </span>
  );
}
