// "Export for FOI/investigation": the current search's filters plus a required reason, built in the background.
import { useId, useState } from 'react';
import type { ArchiveFilters } from '../../api/types.js';
import { ErrorNote } from '../../components/status.js';
import { useRequestExport } from './hooks.js';

export function ExportRequest({ filters }: { filters: ArchiveFilters }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const request = useRequestExport();
  const id = useId();
  if (!open)
    return (
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        Export for FOI/investigation
      </button>
    );
  return (
    <form
      className="panel"
      aria-label="Export this search"
      onSubmit={(e) => {
        e.preventDefault();
        request.mutate({ filters, reason }, { onSuccess: () => setReason('') });
      }}
    >
      <h2>Export this search as evidence</h2>
      <p className="muted">
        A ZIP of the items (JSON and CSV), their audit records and a SHA-256 manifest. The request and every
        download are audited.
      </p>
      <label htmlFor={id}>Reason (e.g. FOI reference or investigation number)</label>
      <input id={id} required maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
      <div className="actions">
        <button type="submit" disabled={request.isPending}>
          Request export
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          Close
        </button>
      </div>
      {request.isError && <ErrorNote error={request.error} />}
      {request.isSuccess && (
        <p role="status" className="ok">
          Export requested. It appears under “Exports” on the Records page when ready.
        </p>
      )}
    </form>
  );
}
