// Where the work is: the review queue, open alerts, posts and inbound items this month, each linking to its screen.
import { Link } from 'wouter';
import type { AnalyticsOverview, QueueResponse } from '../../api/types.js';

interface Props {
  queue?: QueueResponse['counts'];
  openAlerts?: number;
  activity?: AnalyticsOverview;
}

export function WorkTiles({ queue, openAlerts, activity }: Props) {
  return (
    <ul className="tiles" aria-label="Work at a glance">
      {queue && (
        <li className={queue.overdue ? 'warn' : ''}>
          <Link href="/review">
            <strong>{queue.total}</strong> waiting for review
          </Link>
          <span className="muted">
            {queue.safeguarding} safeguarding · {queue.overdue} overdue
          </span>
        </li>
      )}
      {openAlerts !== undefined && (
        <li className={openAlerts ? 'warn' : ''}>
          <Link href="/alerts">
            <strong>{openAlerts >= 200 ? '200+' : openAlerts}</strong> open alerts
          </Link>
        </li>
      )}
      {activity && (
        <>
          <li>
            <Link href="/posts">
              <strong>{activity.postsPublished}</strong> posts published
            </Link>
            <span className="muted">last 30 days</span>
          </li>
          <li>
            <Link href="/review">
              <strong>{activity.inbound.received}</strong> inbound items
            </Link>
            <span className="muted">{activity.inbound.handled} handled</span>
          </li>
        </>
      )}
    </ul>
  );
}
