// An archived item's status, with removals and redactions labelled so nobody mistakes them for live content.
const REMOVED = new Set(['hidden', 'auto_hidden', 'deleted', 'author_blocked', 'cancelled', 'failed']);

export function ArchiveStatus({ status, redacted }: { status: string; redacted: boolean }) {
  return (
    <span className="archive-status">
      <span className={REMOVED.has(status) ? 'badge badge-removed' : 'badge'}>
        {status.replaceAll('_', ' ')}
      </span>
      {redacted && <span className="badge badge-redacted">redacted (retention)</span>}
    </span>
  );
}
