// Single sign-on with the organisation's OpenID Connect provider. The client secret is write-only.
import { useState } from 'react';
import { ROLES } from '../../../../src/modules/identity/roles.js';
import type { SsoConfig } from '../../api/types.js';
import { ErrorNote } from '../../components/status.js';
import { useSaveSso } from './hooks.js';

export function SsoForm({ sso }: { sso: SsoConfig }) {
  const save = useSaveSso();
  const [issuer, setIssuer] = useState(sso.issuer);
  const [clientId, setClientId] = useState(sso.clientId);
  const [clientSecret, setClientSecret] = useState('');
  const [enabled, setEnabled] = useState(sso.enabled);
  const [role, setRole] = useState(sso.autoProvisionRole ?? '');
  const [domains, setDomains] = useState(sso.allowedEmailDomains.join(', '));
  return (
    <form
      className="panel"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({
          issuer,
          clientId,
          // Left empty: keep the stored secret.
          ...(clientSecret ? { clientSecret } : {}),
          enabled,
          autoProvisionRole: (role || null) as SsoConfig['autoProvisionRole'],
          allowedEmailDomains: domains
            .split(/[\s,]+/)
            .map((d) => d.trim())
            .filter(Boolean),
        });
      }}
    >
      <h2>Single sign-on (OpenID Connect)</h2>
      <p className="muted">
        Register this redirect address with your identity provider: <code>{sso.redirectUri}</code>
      </p>
      <div className="filters">
        <label>
          Issuer URL
          <input
            required
            value={issuer}
            onChange={(e) => setIssuer(e.target.value)}
            placeholder="https://login.example.org"
          />
        </label>
        <label>
          Client id
          <input required value={clientId} onChange={(e) => setClientId(e.target.value)} />
        </label>
        <label>
          Client secret {sso.clientSecretSet ? '(stored; leave empty to keep it)' : ''}
          <input
            type="password"
            autoComplete="off"
            value={clientSecret}
            onChange={(e) => setClientSecret(e.target.value)}
          />
        </label>
      </div>
      <div className="filters">
        <label>
          New people signing in get the role
          <select value={role} onChange={(e) => setRole(e.target.value)}>
            <option value="">Nobody new (existing users only)</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <label>
          Only from these e-mail domains
          <input
            value={domains}
            onChange={(e) => setDomains(e.target.value)}
            placeholder="police.example.uk"
          />
        </label>
      </div>
      <label className="check">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        Single sign-on is on
      </label>
      <button type="submit" disabled={save.isPending}>
        Save single sign-on
      </button>
      {save.isError && <ErrorNote error={save.error} />}
      {save.isSuccess && (
        <p role="status">
          Saved. People sign in at <code>{save.data.startUrl}</code>
        </p>
      )}
    </form>
  );
}
