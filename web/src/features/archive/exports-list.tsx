// Evidence exports, newest first; the list polls while any is still being built.
import { Empty, ErrorNote, formatTime, Loading } from '../../components/status.js';
import { downloadUrl, useExports } from './hooks.js';

const LABEL: Record<string, string> = { pending: 'queued', running: 'building', done: 'ready' };

const size = (b: number | null) => (b === null ? '' : b < 1024 ? `${b} B` : `${(b / 1024).toFixed(1)} KB`);

export function ExportsList() {
  const exports = useExports(true);
  return (
    <section className="panel">
      <h2>Evidence exports</h2>
      {exports.isPending ? (
        <Loading what="exports" />
      ) : exports.isError ? (
        <ErrorNote error={exports.error} />
      ) : exports.data.exports.length === 0 ? (
        <Empty>No exports yet. Search the archive and choose “Export for FOI/investigation”.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Requested</th>
              <th scope="col">By</th>
              <th scope="col">Reason</th>
              <th scope="col">Status</th>
              <th scope="col">Items</th>
              <th scope="col">File</th>
            </tr>
          </thead>
          <tbody>
            {exports.data.exports.map((e) => (
              <tr key={e.id}>
                <td>{formatTime(e.createdAt)}</td>
                <td>{e.requestedBy.label}</td>
                <td>{e.reason}</td>
                <td>
                  <span className={e.status === 'failed' ? 'badge badge-removed' : 'badge'}>
                    {LABEL[e.status] ?? e.status}
                  </span>
                  {e.error && <span className="error"> {e.error}</span>}
                </td>
                <td>{e.itemCount ?? '—'}</td>
                <td>
                  {e.status === 'done' ? (
                    <a href={downloadUrl(e.id)} download>
                      Download ZIP <span className="muted">({size(e.sizeBytes)})</span>
                    </a>
                  ) : (
                    '—'
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
