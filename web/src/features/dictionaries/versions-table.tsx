import { ErrorNote, formatTime, Loading } from '../../components/status.js';
import type { Permissions } from '../session/hooks.js';
import { useActivateVersion, useVersions } from './hooks.js';

interface Props {
  id: string;
  can: Permissions;
  activeVersion: number | null;
  onCompare(pair: [number, number]): void;
}

export function VersionsTable({ id, can, activeVersion, onCompare }: Props) {
  const versions = useVersions(id);
  const activate = useActivateVersion(id);
  if (versions.isPending) return <Loading what="versions" />;
  if (versions.isError) return <ErrorNote error={versions.error} />;
  return (
    <>
      {activate.isError && <ErrorNote error={activate.error} />}
      <table>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Saved</th>
            <th scope="col">By</th>
            <th scope="col">Terms</th>
            <th scope="col">Tests</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {versions.data.versions.map((v) => (
            <tr key={v.version}>
              <td>
                v{v.version} {v.active && <span className="badge">active</span>}
              </td>
              <td>{formatTime(v.createdAt)}</td>
              <td>{v.author.label}</td>
              <td>{v.termCount + v.patternCount}</td>
              <td className={v.testsPassed ? 'ok' : 'error'}>
                {v.testsPassed ? 'pass' : `${v.testFailures.length} failing`}
              </td>
              <td>
                {can.manageDictionaries && !v.active && (
                  <button
                    type="button"
                    className="small"
                    disabled={activate.isPending || !v.testsPassed}
                    onClick={() => activate.mutate(v.version)}
                  >
                    {activeVersion !== null && v.version < activeVersion
                      ? `Roll back to v${v.version}`
                      : `Activate v${v.version}`}
                  </button>
                )}{' '}
                {activeVersion !== null && v.version !== activeVersion && (
                  <button
                    type="button"
                    className="secondary small"
                    onClick={() =>
                      onCompare([Math.min(v.version, activeVersion), Math.max(v.version, activeVersion)])
                    }
                  >
                    Compare with active
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
