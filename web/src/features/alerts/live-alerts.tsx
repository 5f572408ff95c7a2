// The top bar's alert badge, kept live by the server's event stream: a new alert refreshes the lists and
// queue at once, and an urgent one is announced to screen readers and shown until dismissed.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import type { Alert } from '../../api/types.js';
import { useUnacknowledged } from './hooks.js';

export function LiveAlerts() {
  const client = useQueryClient();
  const count = useUnacknowledged().data?.alerts.length ?? 0;
  const [urgent, setUrgent] = useState<Alert | null>(null);
  useEffect(() => {
    // EventSource reconnects by itself (with Last-Event-ID), so a dropped connection heals on its own.
    const source = new EventSource('/api/v1/alerts/stream');
    source.addEventListener('alert', (event) => {
      const alert = JSON.parse((event as MessageEvent<string>).data) as Alert;
      void client.invalidateQueries({ queryKey: ['alerts'] });
      if (alert.subject?.type === 'inbound_item') void client.invalidateQueries({ queryKey: ['review'] });
      if (alert.severity === 'urgent') setUrgent(alert);
    });
    return () => source.close();
  }, [client]);
  return (
    <>
      <Link href="/alerts" className="alert-badge" aria-label={`Alerts: ${count} unacknowledged`}>
        Alerts {count > 0 && <span className="count">{count >= 200 ? '200+' : count}</span>}
      </Link>
      <div className="live-region" aria-live="assertive" aria-atomic="true">
        {urgent && (
          <p className="urgent-toast">
            <strong>Urgent:</strong> {urgent.summary}{' '}
            <Link href="/alerts" onClick={() => setUrgent(null)}>
              Open alerts
            </Link>{' '}
            <button type="button" className="link" onClick={() => setUrgent(null)}>
              Dismiss
            </button>
          </p>
        )}
      </div>
    </>
  );
}
