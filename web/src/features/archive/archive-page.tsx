// The archive: everything published and received, with edits, hides, deletes and redactions, searchable.
import { useState } from 'react';
import { Link } from 'wouter';
import type { ArchiveFilters } from '../../api/types.js';
import { ArchiveResults } from './archive-results.js';
import { ExportRequest } from './export-request.js';
import type { ArchivePermissions } from './permissions.js';
import { SearchFilters } from './search-filters.js';

export function ArchivePage({ can }: { can: ArchivePermissions }) {
  const [filters, setFilters] = useState<ArchiveFilters>({});
  if (can.readableKinds.length === 0)
    return (
      <>
        <h1>Archive</h1>
        <p>Your role does not include the archive. Ask an administrator if you need it.</p>
      </>
    );
  return (
    <>
      <h1>Archive</h1>
      <p className="muted">
        {can.readableKinds.includes('inbound')
          ? 'Everything published and received, including edited, hidden, deleted and redacted items.'
          : 'Every post published from your accounts, including edits and deletions.'}{' '}
        {can.manageHolds && <Link href="/records">Legal holds, exports and retention</Link>}
      </p>
      <SearchFilters kinds={can.readableKinds} onSearch={setFilters} />
      {can.exportEvidence && <ExportRequest filters={filters} />}
      <section aria-label="Results">
        <ArchiveResults filters={filters} />
      </section>
    </>
  );
}
