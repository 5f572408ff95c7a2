// Connecting an account from the dashboard (admin, comms): a Sandbox account is created on the built-in
// network; Bluesky, Facebook and Instagram bring credentials the server checks with the platform before
// storing them; Mastodon and X go through the platform's OAuth consent page.
import { useState } from 'react';
import { Link } from 'wouter';
import { ErrorNote } from '../../components/status.js';
import { oauthStartUrl, useConnectAccount } from './connect-hooks.js';
import { filledCredentials, PLATFORM_SPECS, SecretFields } from './credential-fields.js';
import { useTeams } from './hooks.js';

const splitLabels = (s: string) =>
  s
    .split(',')
    .map((l) => l.trim())
    .filter(Boolean);

export function ConnectAccount() {
  const teams = useTeams();
  const connect = useConnectAccount();
  const [platform, setPlatform] = useState('sandbox');
  const [handle, setHandle] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [team, setTeam] = useState('');
  const [labels, setLabels] = useState('');
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const spec = PLATFORM_SPECS[platform]!;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (spec.how === 'oauth') {
      window.location.assign(oauthStartUrl(platform, platform === 'mastodon' ? baseUrl.trim() : undefined));
      return;
    }
    connect.mutate(
      {
        platform,
        handle: spec.how === 'sandbox' ? handle.trim() : undefined,
        displayName: displayName.trim() || undefined,
        baseUrl: platform === 'bluesky' ? baseUrl.trim() || undefined : undefined,
        ownerTeamId: team || null,
        labels: splitLabels(labels),
        credentials: filledCredentials(secrets),
      },
      // Secrets never outlive the request, whatever the answer.
      { onSettled: () => setSecrets({}), onSuccess: () => setHandle('') },
    );
  };

  return (
    <form className="panel connect-account" onSubmit={submit} aria-labelledby="connect-heading">
      <h2 id="connect-heading">Connect an account</h2>
      <label>
        Platform
        <select
          value={platform}
          onChange={(e) => {
            setPlatform(e.target.value);
            setSecrets({});
            connect.reset();
          }}
        >
          {Object.entries(PLATFORM_SPECS).map(([key, s]) => (
            <option key={key} value={key}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <p className="muted">{spec.intro}</p>
      {spec.how === 'sandbox' && (
        <label>
          Handle
          <input
            required
            pattern="[A-Za-z0-9_]{2,30}"
            title="2 to 30 letters, digits or underscores"
            value={handle}
            onChange={(e) => setHandle(e.target.value)}
          />
        </label>
      )}
      {platform === 'mastodon' && (
        <label>
          Mastodon server
          <input
            type="url"
            required
            placeholder="https://mastodon.example"
            value={baseUrl}
            onChange={(e) => setBaseUrl(e.target.value)}
          />
        </label>
      )}
      <SecretFields
        fields={spec.fields}
        values={secrets}
        onChange={(k, v) => setSecrets((s) => ({ ...s, [k]: v }))}
      />
      {platform === 'bluesky' && (
        <label>
          PDS URL (optional)
          <input
            type="url"
            placeholder="https://bsky.social"
            value={baseUrl}
            onChange={(e) => setBaseUrl(e.target.value)}
          />
        </label>
      )}
      {spec.how !== 'oauth' && (
        <div className="connect-extra">
          <label>
            Display name (optional)
            <input value={displayName} maxLength={100} onChange={(e) => setDisplayName(e.target.value)} />
          </label>
          <label>
            Owner team
            <select value={team} onChange={(e) => setTeam(e.target.value)}>
              <option value="">No team</option>
              {(teams.data?.teams ?? []).map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Labels (comma separated)
            <input value={labels} onChange={(e) => setLabels(e.target.value)} placeholder="sandbox, demo" />
          </label>
        </div>
      )}
      <button type="submit" disabled={connect.isPending}>
        {spec.how === 'oauth' ? `Continue to ${spec.label}` : connect.isPending ? 'Connecting…' : 'Connect'}
      </button>
      {connect.isError && <ErrorNote error={connect.error} />}
      {connect.isSuccess && (
        <p role="status">
          Connected <Link href={`/accounts/${connect.data.id}`}>@{connect.data.handle}</Link>.
        </p>
      )}
    </form>
  );
}
