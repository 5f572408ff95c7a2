// Training expiry: every 15 minutes, for each organisation that requires training, tells each member whose
// training has expired (posting is now suspended) and warns those whose training expires within the warning
// window. Cost: one indexed query per such organisation; alerts are deduplicated per user and expiry date, so
// a member hears once per expiry however often this runs or how many workers run it.
import type { AppContext } from '../../context.js';
import { registerPeriodic } from '../../jobs/periodic.js';
import { raiseAlert } from '../alerts/raise.js';
import { systemContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';

export const TRAINING_EXPIRY_JOB = 'licence.training_expiry';
const INTERVAL_MS = 15 * 60_000;
const DAY_MS = 86_400_000;

export function registerLicenceJobs(app: AppContext): void {
  registerPeriodic(app, {
    type: TRAINING_EXPIRY_JOB,
    intervalMs: INTERVAL_MS,
    run: async () => {
      await checkTrainingExpiry(app);
    },
  });
}

export async function checkTrainingExpiry(
  app: AppContext,
  now = Date.now(),
): Promise<{ expired: number; warned: number }> {
  const orgs = await app.db
    .selectFrom('licence_setting')
    .select(['org_id', 'warn_days_before_expiry'])
    .where('training_required', '=', 1)
    .execute();
  let expired = 0;
  let warned = 0;
  for (const org of orgs) {
    const horizon = now + Number(org.warn_days_before_expiry) * DAY_MS;
    const rows = await app.db
      .selectFrom('licence_training')
      .innerJoin('app_user', 'app_user.id', 'licence_training.user_id')
      .select(['licence_training.user_id', 'licence_training.expires_at'])
      .where('licence_training.org_id', '=', org.org_id)
      .where('app_user.status', '=', 'active')
      .where('licence_training.expires_at', '<=', horizon)
      .execute();
    for (const row of rows) {
      const isExpired = Number(row.expires_at) <= now;
      if (await tellUser(app, org.org_id, row.user_id, Number(row.expires_at), isExpired, now)) {
        if (isExpired) expired++;
        else warned++;
      }
    }
  }
  return { expired, warned };
}

async function tellUser(
  app: AppContext,
  orgId: string,
  userId: string,
  expiresAt: number,
  isExpired: boolean,
  now: number,
) {
  const date = new Date(expiresAt).toISOString().slice(0, 10);
  const kind = isExpired ? 'licence.training_expired' : 'licence.training_expiring';
  return app.db.transaction().execute(async (trx) => {
    const id = await raiseAlert(
      trx,
      {
        orgId,
        kind,
        severity: isExpired ? 'warning' : 'info',
        recipientUserId: userId,
        subject: { type: 'user', id: userId },
        summary: isExpired
          ? `Your social media training expired on ${date}: your posting rights are suspended until your communications team records a new completion.`
          : `Your social media training expires on ${date}: complete it again before then to keep posting.`,
        detail: { expiresAt },
        dedupeKey: `${kind}:${userId}:${expiresAt}`,
      },
      now,
    );
    if (id && isExpired)
      await audit(app, trx, systemContext('licence'), {
        orgId,
        action: 'licence.training_expired',
        target: { type: 'user', id: userId },
        summary: { expiresAt },
      });
    return id !== null;
  });
}
