// Org A resources for the authorization walk (test/authorization-routes.test.ts): a draft post.
import assert from 'node:assert/strict';
import { as, type Org, type Session, type TestApp } from './app.js';

export async function seedPublishing(
  t: TestApp,
  _orgA: Org,
  adminA: Session,
  accountId: string,
): Promise<Record<string, string>> {
  const res = await as(t, adminA)('POST', '/api/v1/posts', { accountIds: [accountId], text: 'Org A draft' });
  assert.equal(res.statusCode, 201, res.body);
  return { posts: res.json().posts[0].id };
}
