// The audit trail: filter, page back through time, verify the hash chain, export what is shown.
import { useState } from 'react';
import { ErrorNote, formatTime, Loading } from '../../components/status.js';
import { type AuditFilter, exportUrl, useAuditRecords, useVerifyAudit } from './hooks.js';

export function AuditPage() {
  const [action, setAction] = useState('');
  const filter: AuditFilter = { action: action.trim() || undefined };
  const records = useAuditRecords(filter);
  const verify = useVerifyAudit();
  return (
    <>
      <h1>Audit log</h1>
      <p className="muted">
        Every sign-in, grant, post, approval, moderation action, export and settings change, in order.
      </p>
      <div className="panel">
        <h2>Integrity</h2>
        <button type="button" onClick={() => verify.mutate()} disabled={verify.isPending}>
          Verify the hash chain
        </button>
        {verify.isError && <ErrorNote error={verify.error} />}
        {verify.data && (
          <p role="status" className={verify.data.ok ? 'ok' : 'error'}>
            {verify.data.ok
              ? `Intact: ${verify.data.recordsChecked} records checked, none altered, inserted or removed.`
              : `Broken at record ${verify.data.firstBadSeq}: ${verify.data.problem}`}
          </p>
        )}
      </div>
      <div className="filters">
        <label>
          Action (exact, or a prefix ending in “.”)
          <input value={action} onChange={(e) => setAction(e.target.value)} placeholder="e.g. user." />
        </label>
        <a className="button secondary" href={exportUrl(filter, 'csv')} download>
          Export CSV
        </a>
        <a className="button secondary" href={exportUrl(filter, 'json')} download>
          Export JSON
        </a>
      </div>
      {records.isPending ? (
        <Loading what="audit records" />
      ) : records.isError ? (
        <ErrorNote error={records.error} />
      ) : (
        <>
          <table>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {records.data.pages.flatMap((page) =>
                page.records.map((r) => (
                  <tr key={r.id}>
                    <td>{r.seq}</td>
                    <td>{formatTime(r.createdAt)}</td>
                    <td>{r.actor.label}</td>
                    <td>
                      <code>{r.action}</code>
                    </td>
                    <td>{r.target ? `${r.target.type}` : '—'}</td>
                    <td className="details">{JSON.stringify(r.summary)}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
          {records.hasNextPage && (
            <button
              type="button"
              className="secondary"
              onClick={() => records.fetchNextPage()}
              disabled={records.isFetchingNextPage}
            >
              Older records
            </button>
          )}
        </>
      )}
    </>
  );
}
