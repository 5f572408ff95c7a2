// API tokens for automation: shown once when created, revocable, read-only or read-write.
import { useState } from 'react';
import { ErrorNote, formatTime, Loading } from '../../components/status.js';
import { useApiTokens, useCreateApiToken, useRevokeApiToken } from './hooks.js';

export function ApiTokens() {
  const tokens = useApiTokens();
  const create = useCreateApiToken();
  const revoke = useRevokeApiToken();
  const [name, setName] = useState('');
  const [write, setWrite] = useState(false);
  const [days, setDays] = useState('90');
  return (
    <section className="panel" aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens</h2>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(
            { name, scopes: write ? ['read', 'write'] : ['read'], expiresInDays: days ? Number(days) : null },
            { onSuccess: () => setName('') },
          );
        }}
      >
        <label>
          Token name
          <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Expires after (days)
          <input type="number" min={1} max={3650} value={days} onChange={(e) => setDays(e.target.value)} />
        </label>
        <label className="check">
          <input type="checkbox" checked={write} onChange={(e) => setWrite(e.target.checked)} />
          May change things (write)
        </label>
        <button type="submit" disabled={create.isPending}>
          Create token
        </button>
      </form>
      {create.isError && <ErrorNote error={create.error} />}
      {create.data && (
        <div role="status">
          <p>Copy this token now: it is not shown again.</p>
          <code className="secret">{create.data.token}</code>
        </div>
      )}
      {tokens.isPending ? (
        <Loading what="tokens" />
      ) : tokens.isError ? (
        <ErrorNote error={tokens.error} />
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Scopes</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {tokens.data.apiTokens.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>{t.scopes.join(', ')}</td>
                <td>{formatTime(t.expiresAt)}</td>
                <td>{formatTime(t.lastUsedAt)}</td>
                <td>
                  {t.revokedAt ? (
                    `revoked ${formatTime(t.revokedAt)}`
                  ) : (
                    <button type="button" className="secondary small" onClick={() => revoke.mutate(t.id)}>
                      Revoke {t.name}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
