// Job handlers: the periodic hijack check (every 2 minutes) and the deletion of a foreign post (delete_and_lock).
import { NotFoundError } from '../../connectors/errors.js';
import { getConnector } from '../../connectors/registry.js';
import type { Platform, PostRef } from '../../connectors/types.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { PermanentJobError } from '../../jobs/errors.js';
import { registerPeriodic } from '../../jobs/periodic.js';
import type { JobContext } from '../../jobs/worker.js';
import { withAccountCredentials } from '../accounts/credentials.js';
import { systemContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import { checkAllAccounts } from './detector.js';
import { HIJACK_DELETE_JOB } from './record.js';

export const HIJACK_CHECK_JOB = 'hijack.check';
export const HIJACK_INTERVAL_MS = 2 * 60_000;

export function registerHijackJobs(app: AppContext): void {
  registerPeriodic(app, {
    type: HIJACK_CHECK_JOB,
    intervalMs: HIJACK_INTERVAL_MS,
    run: async () => {
      await checkAllAccounts(app);
    },
  });
  app.jobHandlers.set(HIJACK_DELETE_JOB, (job) => deleteForeignPost(app, job));
}

/** Deletes the foreign post on the platform. Idempotent: a post already gone counts as deleted. */
export async function deleteForeignPost(app: AppContext, job: JobContext): Promise<void> {
  const detectionId = String(job.payload.detectionId ?? '');
  const detection = await app.db
    .selectFrom('hijack_detection')
    .selectAll()
    .where('id', '=', detectionId)
    .executeTakeFirst();
  if (!detection) throw new PermanentJobError(`hijack detection ${detectionId} does not exist`);
  if (detection.deleted_at !== null) return;
  try {
    const connector = await getConnector(detection.platform as Platform, app.connectorDeps);
    const ref = JSON.parse(detection.platform_ref) as PostRef;
    await withAccountCredentials(app, detection.account_id, (acc) => connector.deletePost(acc, ref));
  } catch (err) {
    if (!(err instanceof NotFoundError)) {
      await app.db
        .updateTable('hijack_detection')
        .set({ delete_error: String((err as Error).message).slice(0, 500) })
        .where('id', '=', detectionId)
        .execute();
      // A suspended account refuses every platform call: retrying will not help until it is reinstated.
      if (err instanceof AppError) throw new PermanentJobError(err.message);
      throw err;
    }
  }
  await app.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('hijack_detection')
      .set({ deleted_at: Date.now(), delete_error: null })
      .where('id', '=', detectionId)
      .execute();
    await audit(app, trx, systemContext('hijack-detector'), {
      orgId: detection.org_id,
      action: 'hijack.post_deleted',
      target: { type: 'social_account', id: detection.account_id },
      summary: { detectionId, platformPostId: detection.platform_post_id },
    });
  });
}
