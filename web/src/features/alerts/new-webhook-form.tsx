// Admin: add an outgoing webhook; its signing secret is shown once, right here.
import { useState } from 'react';
import type { CreatedWebhook } from '../../api/types.js';
import { ErrorNote } from '../../components/status.js';
import { useWebhookChange } from './hooks.js';

export function NewWebhookForm() {
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
        const body = { name, url, minSeverity, ...(list.length ? { kinds: list } : {}) };
        const reset = () => {
          setName('');
          setUrl('');
          setKinds('');
        };
        change.mutate({ kind: 'create', body }, { onSuccess: reset });
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
