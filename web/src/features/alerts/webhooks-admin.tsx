// Admin: outgoing webhooks for organisation alerts — add (secret shown once), test, delivery history, remove.
import { useState } from 'react';
import type { AlertWebhook, CreatedWebhook } from '../../api/types.js';
import { Empty, ErrorNote, formatTime, Loading } from '../../components/status.js';
import { useDeliveries, useWebhookChange, useWebhooks } from './hooks.js';

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

function NewWebhookForm() {
  const change = useWebhookChange();
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [kinds, setKinds] = useState('');
  const [minSeverity, setMinSeverity] = useState('warning');
  const created = change.data as CreatedWebhook | undefined;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const list = kinds
          .split(',')
          .map((k) => k.trim())
          .filter(Boolean);
        change.mutate({
          kind: 'create',
          body: { name, url, minSeverity, ...(list.length ? { kinds: list } : {}) },
        });
      }}
    >
      <h3>Add a webhook</h3>
      <div className="filters">
        <label>
          Name
          <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          URL
          <input required type="url" maxLength={2000} value={url} onChange={(e) => setUrl(e.target.value)} />
        </label>
        <label>
          Kinds (comma-separated, empty for all)
          <input
            value={kinds}
            placeholder="safeguarding, publishing.*"
            onChange={(e) => setKinds(e.target.value)}
          />
        </label>
        <label>
          Lowest severity
          <select value={minSeverity} onChange={(e) => setMinSeverity(e.target.value)}>
            <option value="info">info</option>
            <option value="warning">warning</option>
            <option value="urgent">urgent</option>
          </select>
        </label>
      </div>
      <button type="submit" disabled={change.isPending}>
        Add webhook
      </button>
      {change.isError && <ErrorNote error={change.error} />}
      {created?.secret && (
        <div role="status" className="secret">
          <p>
            Signing secret for <strong>{created.webhook.name}</strong> — copy it now, it is not shown again:
          </p>
          <code>{created.secret}</code>
        </div>
      )}
    </form>
  );
}
