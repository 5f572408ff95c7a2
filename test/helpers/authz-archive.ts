// Org A's archive resources for the authorization walk: an inbound item (newest, so the search list shows it),
// a legal hold (through the API) and an export row (resources "items" → kind, ":kind" → item id, "holds",
// "exports"). The "items" key is shared with the review routes: archive answers 404 to an unknown kind.
import { newId } from '../../src/ids.js';
import { as, type Org, type Session, type TestApp } from './app.js';
import { insertItem } from './review-fixtures.js';

export async function seedArchive(
  t: TestApp,
  orgA: Org,
  adminA: Session,
  accountId: string,
): Promise<Record<string, string>> {
  const itemId = await insertItem(t, orgA.orgId, accountId, {
    receivedAt: Date.now() + 60_000,
    notQueued: true,
  });
  const hold = await as(t, adminA)('POST', '/api/v1/archive/holds', {
    name: 'Authz hold',
    reason: 'walk',
    scope: { accountIds: [accountId] },
  });
  if (hold.statusCode !== 201) throw new Error(`hold: ${hold.statusCode} ${hold.body}`);
  const exportId = newId();
  await t.ctx.db
    .insertInto('archive_export')
    .values({
      id: exportId,
      org_id: orgA.orgId,
      requested_by: orgA.adminId,
      requested_by_label: orgA.adminEmail,
      reason: 'walk',
      filters: '{}',
      status: 'pending',
      item_count: null,
      size_bytes: null,
      sha256: null,
      error: null,
      created_at: Date.now(),
      finished_at: null,
    })
    .execute();
  return { ':kind': itemId, holds: hold.json().id, exports: exportId };
}
