// Org A's analytics/report resources for the authorization test: a report schedule and a built report.
import assert from 'node:assert/strict';
import { as, type Org, type Session, type TestApp } from './app.js';

export async function seedAnalytics(
  t: TestApp,
  orgA: Org,
  adminA: Session,
  _accountId: string,
): Promise<Record<string, string>> {
  const schedule = await as(t, adminA)('POST', '/api/v1/reports/schedules', {
    scope: 'org',
    cadence: 'monthly',
    recipients: [orgA.adminId],
  });
  assert.equal(schedule.statusCode, 201, schedule.body);
  const report = await as(t, adminA)('POST', '/api/v1/reports/preview', {
    scope: 'org',
    from: Date.now() - 7 * 86_400_000,
    to: Date.now(),
  });
  assert.equal(report.statusCode, 201, report.body);
  return { schedules: schedule.json().id, reports: report.json().id };
}
