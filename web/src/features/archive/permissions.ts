// What the signed-in user may do in the archive: the server's own pure policy, evaluated once.
import { archivePolicy } from '../../../../src/modules/archive/policy.js';
import type { Me } from '../../api/types.js';
import { principalOfMe } from '../publishing/permissions.js';

export interface ArchivePermissions {
  readableKinds: ('post' | 'inbound')[];
  viewRetention: boolean;
  manageRetention: boolean;
  manageHolds: boolean;
  exportEvidence: boolean;
  manageTransparency: boolean;
}

export function archivePermissionsOf(me: Me): ArchivePermissions {
  const p = principalOfMe(me);
  return {
    readableKinds: archivePolicy.readableKinds(p),
    viewRetention: archivePolicy.viewRetention(p),
    manageRetention: archivePolicy.manageRetention(p),
    manageHolds: archivePolicy.manageHolds(p),
    exportEvidence: archivePolicy.exportEvidence(p),
    manageTransparency: archivePolicy.manageTransparency(p),
  };
}

/** Marks every occurrence of the searched words (case-insensitive) as UTF-16 spans for <Highlighted>. */
export function spansFor(text: string, q: string | undefined) {
  const words = (q ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  const lower = text.toLowerCase();
  const spans: { start: number; end: number; label: string }[] = [];
  for (const word of words)
    for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + word.length))
      spans.push({ start: at, end: at + word.length, label: `matches “${word}”` });
  return spans;
}
