// Org A's licence resources for test/authorization-routes.test.ts: version 1 of its agreement
// (`/api/v1/licence/agreements/:version`). `/api/v1/licence/users/:userId/...` reuses the "users" resource.
// Inserted directly rather than through POST (which also alerts every member): the authorization test lists
// org A's jobs with limit=1 and expects its own dead job to be the newest.
import { newId } from '../../src/ids.js';
import type { Org, Session, TestApp } from './app.js';

export async function seedLicence(
  t: TestApp,
  orgA: Org,
  _adminA: Session,
  _accountId: string,
): Promise<Record<string, string>> {
  await t.ctx.db
    .insertInto('licence_agreement')
    .values({
      id: newId(),
      org_id: orgA.orgId,
      version: 1,
      title: 'Social media agreement',
      body: 'Org A agreement text',
      body_format: 'plain',
      published_by: orgA.adminId,
      published_by_label: orgA.adminEmail,
      published_at: Date.now(),
    })
    .execute();
  return { agreements: '1' };
}
