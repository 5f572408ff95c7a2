// The first screen: where the work is (queue, alerts, activity, time to act) and the state of every account.
import { Link } from 'wouter';
import { ErrorNote, Loading } from '../../components/status.js';
import { useAccounts } from '../accounts/hooks.js';
import { useUnacknowledged } from '../alerts/hooks.js';
import { ActivityChart } from './activity-chart.js';
import { useActivity, useQueueCounts, useTimeToAct } from './hooks.js';
import { TimeToActTable } from './time-to-act.js';
import { WorkTiles } from './work-tiles.js';

export function OverviewPage() {
  const accounts = useAccounts();
  const activity = useActivity();
  const queue = useQueueCounts();
  const alerts = useUnacknowledged();
  const timeToAct = useTimeToAct();
  if (accounts.isPending) return <Loading what="the overview" />;
  if (accounts.isError) return <ErrorNote error={accounts.error} />;
  const all = accounts.data.accounts;
  const count = (status: string) => all.filter((a) => a.status === status).length;
  const attention = all.filter((a) => a.status !== 'active');
  const perPlatform = new Map<string, number>();
  for (const a of all) perPlatform.set(a.platform, (perPlatform.get(a.platform) ?? 0) + 1);
  const byPlatform = [...perPlatform].sort((a, b) => b[1] - a[1]);
  return (
    <>
      <h1>Overview</h1>
      <WorkTiles
        queue={queue.data?.counts}
        openAlerts={alerts.data?.alerts.length}
        activity={activity.data}
      />
      {activity.data && (
        <>
          <h2>Activity</h2>
          <ActivityChart trend={activity.data.trend} />
        </>
      )}
      {timeToAct.data && (
        <>
          <h2>Time to act</h2>
          <TimeToActTable
            data={timeToAct.data}
            handleOf={(id) => `@${all.find((a) => a.id === id)?.handle ?? 'unknown'}`}
          />
        </>
      )}
      <h2>Accounts</h2>
      <ul className="tiles" aria-label="Accounts by status">
        <li>
          <strong>{all.length}</strong> accounts
        </li>
        <li>
          <strong>{count('active')}</strong> active
        </li>
        <li className={count('credentials_expired') ? 'warn' : ''}>
          <strong>{count('credentials_expired')}</strong> need reconnecting
        </li>
        <li className={count('suspended') + count('locked') ? 'warn' : ''}>
          <strong>{count('suspended') + count('locked')}</strong> suspended or locked
        </li>
      </ul>
      <h3>By platform</h3>
      <ul className="plain">
        {byPlatform.map(([platform, n]) => (
          <li key={platform}>
            {platform}: {n}
          </li>
        ))}
      </ul>
      <h3>Needs attention</h3>
      {attention.length === 0 ? (
        <p className="empty">Every account is active.</p>
      ) : (
        <ul className="plain">
          {attention.map((a) => (
            <li key={a.id}>
              <Link href={`/accounts/${a.id}`}>@{a.handle}</Link> ({a.platform}):{' '}
              {a.status.replaceAll('_', ' ')}
              {a.statusReason ? ` — ${a.statusReason}` : ''}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
