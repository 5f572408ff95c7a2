// Outbound anomalies: a per-user posting rate limit and a volume alert, configurable per organisation.
// A hijacked session or a compromised officer account shows up as sudden volume; the limit stops it,
// the alert tells comms. Counted from post.submitted_at (each account of a batch counts once).
import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { AppError, forbidden } from '../../http/errors.js';
import { raiseAlert } from '../alerts/raise.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import type { Principal } from '../identity/roles.js';
import { cdb } from './compose-repo.js';
import { publishingPolicy } from './policy.js';

export interface PublishingSettings {
  postsPerUserPerHour: number;
  volumeAlertPerHour: number;
}

export const DEFAULT_SETTINGS: PublishingSettings = { postsPerUserPerHour: 30, volumeAlertPerHour: 20 };
const HOUR = 3_600_000;

export async function loadSettings(db: Db, orgId: string): Promise<PublishingSettings> {
  const row = await db
    .selectFrom('publishing_settings')
    .selectAll()
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return row
    ? {
        postsPerUserPerHour: Number(row.posts_per_user_per_hour),
        volumeAlertPerHour: Number(row.volume_alert_per_hour),
      }
    : { ...DEFAULT_SETTINGS };
}

export async function getSettings(app: AppContext, p: Principal): Promise<PublishingSettings> {
  if (!publishingPolicy.viewSettings(p)) throw forbidden();
  return loadSettings(app.db, p.orgId);
}

export async function putSettings(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  input: PublishingSettings,
): Promise<PublishingSettings> {
  if (!publishingPolicy.manageSettings(p)) throw forbidden();
  const now = Date.now();
  await app.db.transaction().execute(async (trx) => {
    const before = await loadSettings(trx, p.orgId);
    const values = {
      posts_per_user_per_hour: input.postsPerUserPerHour,
      volume_alert_per_hour: input.volumeAlertPerHour,
      updated_by: p.userId,
      updated_at: now,
    };
    await trx
      .insertInto('publishing_settings')
      .values({ org_id: p.orgId, ...values })
      .onConflict((oc) => oc.column('org_id').doUpdateSet(values))
      .execute();
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'publishing.settings_changed',
      target: { type: 'organisation', id: p.orgId },
      summary: { before, after: input },
    });
  });
  return loadSettings(app.db, p.orgId);
}

async function submittedInLastHour(db: Db, orgId: string, userId: string, now: number) {
  return cdb(db)
    .selectFrom('post')
    .select('submitted_at')
    .where('org_id', '=', orgId)
    .where('author_id', '=', userId)
    .where('submitted_at', '>', now - HOUR)
    .orderBy('submitted_at')
    .execute();
}

/**
 * Serialises one user's submissions until the transaction ends, so two at once cannot both squeeze under
 * the limit. PostgreSQL only: SQLite already runs one write transaction at a time.
 */
export async function lockPostingRate(
  app: Pick<AppContext, 'dbKind'>,
  trx: Db,
  userId: string,
): Promise<void> {
  if (app.dbKind === 'postgres')
    await sql`select pg_advisory_xact_lock(hashtext(${`parapet.posting:${userId}`}))`.execute(trx);
}

/** 429 posting_rate_limited (with Retry-After) when `count` more submissions would pass the hourly limit. */
export async function assertWithinPostingRate(
  db: Db,
  orgId: string,
  userId: string,
  count: number,
  settings: PublishingSettings,
  now: number,
): Promise<void> {
  const recent = await submittedInLastHour(db, orgId, userId, now);
  const limit = settings.postsPerUserPerHour;
  if (recent.length + count <= limit) return;
  // The window frees one slot per recent submission as each turns an hour old.
  const freeing = recent[recent.length + count - limit - 1];
  const wait = freeing ? Number(freeing.submitted_at) + HOUR - now : HOUR;
  const seconds = Math.max(1, Math.ceil(wait / 1000));
  throw new AppError(
    429,
    'posting_rate_limited',
    `You may submit ${limit} posts an hour in this organisation; this would make ${recent.length + count}. Try again in ${Math.ceil(seconds / 60)} minute(s), or ask an admin.`,
    { 'retry-after': String(seconds) },
  );
}

/** After a submission: a publishing.volume alert, once per user per clock hour, above the threshold. */
export async function alertOnVolume(
  db: Db,
  orgId: string,
  user: { id: string; name: string },
  settings: PublishingSettings,
  now: number,
): Promise<void> {
  const recent = await submittedInLastHour(db, orgId, user.id, now);
  if (recent.length <= settings.volumeAlertPerHour) return;
  await raiseAlert(
    db,
    {
      orgId,
      kind: 'publishing.volume',
      severity: 'warning',
      summary: `${user.name} submitted ${recent.length} posts in the last hour (alert threshold ${settings.volumeAlertPerHour}).`,
      subject: { type: 'app_user', id: user.id },
      detail: { userId: user.id, count: recent.length, threshold: settings.volumeAlertPerHour },
      dedupeKey: `publishing.volume:${user.id}:${Math.floor(now / HOUR)}`,
    },
    now,
  );
}
