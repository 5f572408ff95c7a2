// Org A's alert resources for the authorization test: an organisation alert and a webhook endpoint.
import assert from 'node:assert/strict';
import { raiseAlert } from '../../src/modules/alerts/raise.js';
import { as, type Org, type Session, type TestApp } from './app.js';

export async function seedAlerts(
  t: TestApp,
  orgA: Org,
  adminA: Session,
  accountId: string,
): Promise<Record<string, string>> {
  // Raised "a minute ago": its delivery job then sorts after org A's seeded dead job in GET /api/v1/jobs, which
  // the walk calls with limit=1 (its required query parameter at the minimum).
  const alertId = await raiseAlert(
    t.ctx.db,
    {
      orgId: orgA.orgId,
      kind: 'publishing.failed',
      severity: 'warning',
      summary: 'A post could not be published',
      accountId,
    },
    Date.now() - 60_000,
  );
  assert.ok(alertId);
  const hook = await as(t, adminA)('POST', '/api/v1/alert-webhooks', {
    name: 'On-call',
    url: 'https://hooks.example.test/parapet',
  });
  assert.equal(hook.statusCode, 201, hook.body);
  return { alerts: alertId, 'alert-webhooks': hook.json().webhook.id };
}
