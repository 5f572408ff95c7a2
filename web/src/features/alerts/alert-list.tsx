// Alerts, newest first, each linking to what it is about, with acknowledge.
import { Link } from 'wouter';
import type { Alert } from '../../api/types.js';
import { ErrorNote, formatTime } from '../../components/status.js';
import { useAcknowledge } from './hooks.js';

/** Dashboard pages for an alert's subject: the inbound item (and its review), the post, the account. */
function SubjectLinks({ alert }: { alert: Alert }) {
  const s = alert.subject;
  const links: Array<[string, string]> = [];
  if (s?.id && s.type === 'inbound_item') {
    links.push([`/review/${s.id}`, 'Open in review']);
    links.push([`/inbound/${s.id}`, 'Item record']);
  } else if (s?.id && s.type === 'post') links.push([`/posts/${s.id}`, 'Open the post']);
  else if (s?.id && s.type === 'social_account') links.push([`/accounts/${s.id}`, 'Open the account']);
  if (alert.accountId && s?.type !== 'social_account')
    links.push([`/accounts/${alert.accountId}`, 'Account']);
  return (
    <>
      {links.map(([href, label], i) => (
        <span key={href}>
          {i > 0 && ' · '}
          <Link href={href}>{label}</Link>
        </span>
      ))}
    </>
  );
}

export function AlertList({ alerts }: { alerts: Alert[] }) {
  const ack = useAcknowledge();
  return (
    <>
      {ack.isError && <ErrorNote error={ack.error} />}
      <ul className="plain alerts">
        {alerts.map((a) => (
          <li key={a.id} className={`alert-row severity-${a.severity} ${a.acknowledgedAt ? 'acked' : ''}`}>
            <div className="queue-meta">
              <span className={`badge badge-${a.severity}`}>{a.severity}</span>
              <span className="badge">{a.kind}</span>
              <span className="muted">{formatTime(a.createdAt)}</span>
            </div>
            <p className="alert-summary">{a.summary}</p>
            <div className="alert-foot">
              <SubjectLinks alert={a} />
              <span className="spacer" />
              {a.acknowledgedAt ? (
                <span className="muted">
                  Acknowledged by {a.acknowledgedBy?.name ?? 'someone'} {formatTime(a.acknowledgedAt)}
                </span>
              ) : (
                <button
                  type="button"
                  className="small"
                  disabled={ack.isPending}
                  aria-label={`Acknowledge: ${a.summary}`}
                  onClick={() => ack.mutate(a.id)}
                >
                  Acknowledge
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
