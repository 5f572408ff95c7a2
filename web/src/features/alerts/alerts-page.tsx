// Alerts: the live list with filters, your subscriptions, and (admins) the outgoing webhooks.
import { useState } from 'react';
import { Empty, ErrorNote, Loading } from '../../components/status.js';
import { AlertList } from './alert-list.js';
import { type AlertFilters, useAlerts } from './hooks.js';
import { SubscriptionsForm } from './subscriptions-form.js';
import { WebhooksAdmin } from './webhooks-admin.js';

export function AlertsPage({ manageWebhooks }: { manageWebhooks: boolean }) {
  const [filters, setFilters] = useState<AlertFilters>({ unacknowledged: true });
  const alerts = useAlerts(filters);
  return (
    <>
      <h1>Alerts</h1>
      <p className="muted">New alerts appear here as they happen; there is no need to reload.</p>
      <div className="filters">
        <label className="check">
          <input
            type="checkbox"
            checked={filters.unacknowledged ?? false}
            onChange={(e) => setFilters({ ...filters, unacknowledged: e.target.checked || undefined })}
          />
          Only unacknowledged
        </label>
        <label>
          Severity
          <select
            value={filters.severity ?? ''}
            onChange={(e) => setFilters({ ...filters, severity: e.target.value || undefined })}
          >
            <option value="">Any</option>
            <option value="urgent">Urgent</option>
            <option value="warning">Warning</option>
            <option value="info">Info</option>
          </select>
        </label>
        <label>
          Kind
          <input
            value={filters.kind ?? ''}
            placeholder="e.g. safeguarding"
            maxLength={100}
            onChange={(e) => setFilters({ ...filters, kind: e.target.value.trim() || undefined })}
          />
        </label>
      </div>
      {alerts.isPending ? (
        <Loading what="alerts" />
      ) : alerts.isError ? (
        <ErrorNote error={alerts.error} />
      ) : alerts.data.alerts.length === 0 ? (
        <Empty>No alerts match. New ones will appear here at once.</Empty>
      ) : (
        <AlertList alerts={alerts.data.alerts} />
      )}
      <SubscriptionsForm />
      {manageWebhooks && <WebhooksAdmin />}
    </>
  );
}
