// Records management: legal holds, evidence exports, retention rules and (admin) the public transparency report.
import { Link } from 'wouter';
import { ExportsList } from './exports-list.js';
import { HoldsPanel } from './holds-panel.js';
import type { ArchivePermissions } from './permissions.js';
import { RetentionEditor } from './retention-editor.js';
import { TransparencyPanel } from './transparency-panel.js';

export function RecordsPage({ can, orgSlug }: { can: ArchivePermissions; orgSlug: string }) {
  if (!can.manageHolds)
    return (
      <>
        <h1>Records</h1>
        <p>Legal holds, exports and retention are for administrators and auditors.</p>
      </>
    );
  return (
    <>
      <h1>Records: holds, exports and retention</h1>
      <p className="muted">
        Exports start from a <Link href="/archive">search of the archive</Link>.
      </p>
      {can.exportEvidence && <ExportsList />}
      <HoldsPanel />
      {can.viewRetention && <RetentionEditor canEdit={can.manageRetention} />}
      {can.manageTransparency && <TransparencyPanel slug={orgSlug} />}
    </>
  );
}
