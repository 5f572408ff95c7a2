// Organisation A's review resources for the every-route authorization test: a queued item on A's account
// (written directly, as ingestion would) and a response template made through the API.
import type { Org, Session, TestApp } from './app.js';
import { as } from './app.js';
import { insertItem } from './review-fixtures.js';

export async function seedReview(
  t: TestApp,
  orgA: Org,
  adminA: Session,
  accountId: string,
): Promise<Record<string, string>> {
  const itemId = await insertItem(t, orgA.orgId, accountId, { text: 'you scumbag' });
  const template = await as(t, adminA)('POST', '/api/v1/review/templates', {
    title: 'Org A template',
    body: 'Call 101.',
    categories: ['threat'],
  });
  if (template.statusCode !== 201) throw new Error(`template: ${template.statusCode} ${template.body}`);
  return { items: itemId, templates: template.json().id };
}
