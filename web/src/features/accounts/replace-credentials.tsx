// Replacing an account's credentials (admin, comms): e.g. a new app password or token after the old one
// expired. The secrets are sent once and never shown again; an expired account becomes active again.
import { useState } from 'react';
import type { Account } from '../../api/types.js';
import { ErrorNote } from '../../components/status.js';
import { useReplaceCredentials } from './connect-hooks.js';
import { filledCredentials, PLATFORM_SPECS, SecretFields } from './credential-fields.js';

const OAUTH_FIELDS = [{ key: 'accessToken', label: 'Access token', secret: true }];

export function ReplaceCredentials({ account }: { account: Account }) {
  const mutation = useReplaceCredentials(account.id);
  const [values, setValues] = useState<Record<string, string>>({});
  const spec = PLATFORM_SPECS[account.platform];
  const fields = spec && spec.how === 'credentials' ? spec.fields : OAUTH_FIELDS;
  return (
    <form
      className="panel"
      aria-labelledby="replace-credentials"
      onSubmit={(e) => {
        e.preventDefault();
        mutation.mutate(filledCredentials(values), { onSettled: () => setValues({}) });
      }}
    >
      <h2 id="replace-credentials">Replace credentials</h2>
      <p className="muted">
        The new credentials replace the ones in the vault and are never shown again.
        {account.status === 'credentials_expired' ? ' This account needs them to work again.' : ''}
      </p>
      <SecretFields
        fields={fields}
        values={values}
        onChange={(k, v) => setValues((s) => ({ ...s, [k]: v }))}
      />
      <button type="submit" disabled={mutation.isPending}>
        Replace credentials
      </button>
      {mutation.isError && <ErrorNote error={mutation.error} />}
      {mutation.isSuccess && <p role="status">Credentials replaced.</p>}
    </form>
  );
}
