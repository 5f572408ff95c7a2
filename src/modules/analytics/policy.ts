// Who sees which analytics. Admins, comms and auditors see the whole organisation. Everyone else (moderators,
// authors) sees the accounts they hold a grant on plus the accounts owned by their own team and its
// sub-teams, their own figures as an officer and those of people in their team subtree, and only their team
// subtree as a team scope. Pure: the caller loads the grants and team tree.
import type { Principal } from '../identity/roles.js';

export const seesWholeOrg = (p: Principal): boolean =>
  p.roles.some((r) => r === 'admin' || r === 'comms' || r === 'auditor');

/** Managing report schedules and building previews: the people who run communications. */
export const managesReports = (p: Principal): boolean => p.roles.some((r) => r === 'admin' || r === 'comms');

/** A built report: the whole-org roles, or a recipient of its schedule. */
export const readsReport = (p: Principal, recipients: readonly string[]): boolean =>
  seesWholeOrg(p) || recipients.includes(p.userId);

/** The team ids under (and including) root in a parent_id tree. */
export function subtreeOf(
  teams: ReadonlyArray<{ id: string; parent_id: string | null }>,
  root: string,
): string[] {
  const out = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const t of teams)
      if (t.parent_id && out.has(t.parent_id) && !out.has(t.id)) {
        out.add(t.id);
        grew = true;
      }
  }
  return [...out];
}
