import { useState } from 'react';
import type { Organisation } from '../../api/types.js';
import { ErrorNote } from '../../components/status.js';
import { useUpdateOrganisation } from './hooks.js';

export function OrganisationForm({ org }: { org: Organisation }) {
  const update = useUpdateOrganisation();
  const [name, setName] = useState(org.name);
  const [requireMfa, setRequireMfa] = useState(org.requireMfa);
  return (
    <form
      className="panel"
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate({ name, requireMfa });
      }}
    >
      <h2>Organisation</h2>
      <label>
        Name
        <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="check">
        <input type="checkbox" checked={requireMfa} onChange={(e) => setRequireMfa(e.target.checked)} />
        Everyone must use two-factor sign-in (people without it are asked to set it up at their next sign-in)
      </label>
      <button type="submit" disabled={update.isPending}>
        Save
      </button>
      {update.isError && <ErrorNote error={update.error} />}
      {update.isSuccess && <p role="status">Saved.</p>}
    </form>
  );
}
