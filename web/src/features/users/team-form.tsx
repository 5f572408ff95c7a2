// Add a team to the force → district → team tree.
import { useState } from 'react';
import type { Team } from '../../api/types.js';
import { ErrorNote } from '../../components/status.js';
import { useCreateTeam } from './hooks.js';

const CHILD_KIND: Record<Team['kind'], Team['kind'] | null> = {
  force: 'district',
  district: 'team',
  team: null,
};

export function TeamForm({ teams }: { teams: Team[] }) {
  const create = useCreateTeam();
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState('');
  const parent = teams.find((t) => t.id === parentId);
  const kind: Team['kind'] = parent ? (CHILD_KIND[parent.kind] ?? 'team') : 'force';
  return (
    <form
      className="panel"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ name, kind, parentId: parentId || null }, { onSuccess: () => setName('') });
      }}
    >
      <h2>Add a team</h2>
      <div className="filters">
        <label>
          Name
          <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Inside
          <select value={parentId} onChange={(e) => setParentId(e.target.value)}>
            <option value="">Nothing (a force)</option>
            {teams
              .filter((t) => t.kind !== 'team')
              .map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name} ({t.kind})
                </option>
              ))}
          </select>
        </label>
        <button type="submit" disabled={create.isPending}>
          Add {kind}
        </button>
      </div>
      {create.isError && <ErrorNote error={create.error} />}
    </form>
  );
}
