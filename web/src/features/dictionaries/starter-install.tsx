// Installing the starter dictionaries shipped with Parapet (admin, comms): offered when the organisation has
// none, or fewer than the starter set; reports what was installed, skipped and left inactive.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { StarterResult } from '../../api/types.js';
import { ErrorNote } from '../../components/status.js';

const list = (names: string[]) => (names.length ? names.join(', ') : 'none');

export function StarterInstall({ empty }: { empty: boolean }) {
  const client = useQueryClient();
  const install = useMutation({
    mutationFn: () => api<StarterResult>('POST', '/api/v1/dictionaries/starter'),
    onSuccess: () => client.invalidateQueries({ queryKey: ['dictionaries'] }),
  });
  return (
    <section className="panel" aria-labelledby="starter-heading">
      <h2 id="starter-heading">Starter dictionaries</h2>
      <p className="muted">
        {empty
          ? 'This organisation has no dictionaries yet. Install the starter set shipped with Parapet to begin.'
          : 'Installs any starter dictionary missing here; those already present are left alone.'}
      </p>
      <button type="button" onClick={() => install.mutate()} disabled={install.isPending}>
        {install.isPending ? 'Installing…' : 'Install the starter dictionaries'}
      </button>
      {install.isError && <ErrorNote error={install.error} />}
      {install.isSuccess && (
        <div role="status">
          <p>Installed: {list(install.data.installed)}.</p>
          <p>Already present, skipped: {list(install.data.skipped)}.</p>
          {install.data.notActivated.length > 0 && (
            <p>Installed but not activated (their tests fail): {list(install.data.notActivated)}.</p>
          )}
        </div>
      )}
    </section>
  );
}
