// Admin: outgoing webhooks for organisation alerts — add (secret shown once), test, delivery history, remove.
import { useState } from 'react';
import type { AlertWebhook } from '../../api/types.js';
import { Empty, ErrorNote, formatTime, Loading } from '../../components/status.js';
import { useDeliveries, useWebhookChange, useWebhooks } from './hooks.js';
import { NewWebhookForm } from './new-webhook-form.js';

export function WebhooksAdmin() {
  const hooks = useWebhooks(true);
  return (
    <section className="panel" aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">Outgoing webhooks</h2>
      <p className="muted">
        Organisation alerts are posted, signed, to these endpoints (e.g. Teams or Slack).
      </p>
      {hooks.isPending ? (
        <Loading what="webhooks" />
      ) : hooks.isError ? (
        <ErrorNote error={hooks.error} />
      ) : hooks.data.webhooks.length === 0 ? (
        <Empty>No webhooks yet.</Empty>
      ) : (
        <ul className="plain">
          {hooks.data.webhooks.map((w) => (
            <WebhookRow key={w.id} webhook={w} />
          ))}
        </ul>
      )}
      <NewWebhookForm />
    </section>
  );
}

function WebhookRow({ webhook: w }: { webhook: AlertWebhook }) {
  const change = useWebhookChange();
  const [open, setOpen] = useState(false);
  return (
    <li className="webhook">
      <strong>{w.name}</strong> <span className="muted">{w.url}</span> · kinds: {w.kinds.join(', ') || 'all'}{' '}
      · from {w.minSeverity}
      <div className="alert-foot">
        <button
          type="button"
          className="small secondary"
          onClick={() => change.mutate({ kind: 'test', id: w.id })}
        >
          Send test to {w.name}
        </button>
        <button type="button" className="small secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
          Deliveries of {w.name}
        </button>
        <button
          type="button"
          className="small danger"
          onClick={() => {
            if (window.confirm(`Remove the webhook ${w.name}? Its delivery history stays.`))
              change.mutate({ kind: 'delete', id: w.id });
          }}
        >
          Remove {w.name}
        </button>
      </div>
      {change.isError && <ErrorNote error={change.error} />}
      {change.isSuccess && <p role="status">Done: follow it in the delivery history.</p>}
      {open && <Deliveries id={w.id} />}
    </li>
  );
}

function Deliveries({ id }: { id: string }) {
  const list = useDeliveries(id);
  if (list.isPending) return <Loading what="deliveries" />;
  if (list.isError) return <ErrorNote error={list.error} />;
  if (list.data.deliveries.length === 0) return <Empty>Nothing sent yet.</Empty>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Queued</th>
          <th scope="col">Status</th>
          <th scope="col">Attempts</th>
          <th scope="col">Answer</th>
        </tr>
      </thead>
      <tbody>
        {list.data.deliveries.map((d) => (
          <tr key={d.id}>
            <td>{formatTime(d.createdAt)}</td>
            <td>{d.status}</td>
            <td>{d.attempts}</td>
            <td>{d.responseStatus ?? d.lastError ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
